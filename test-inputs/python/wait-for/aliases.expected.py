
import anyio


async def fetch(n):
    return n


async def main():
    with anyio.fail_after(1):
        a = await fetch(1)
    with anyio.fail_after(2):
        b = await fetch(2)
    return a, b


async def tabs():
	if True:
		with anyio.fail_after(3):
			c = await fetch(3)
	return c
