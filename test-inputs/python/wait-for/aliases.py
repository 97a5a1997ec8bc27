import asyncio as aio
from asyncio import wait_for, wait_for as wf


async def fetch(n):
    return n


async def main():
    a = await aio.wait_for(fetch(1), 1)
    b = await wait_for(fetch(2), 2)
    return a, b


async def tabs():
	if True:
		c = await wf(fetch(3), timeout=3)
	return c
