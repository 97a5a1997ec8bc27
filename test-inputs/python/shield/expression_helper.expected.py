"""Shields whose value is used inline."""
import asyncio

# Keeps writes alive.


async def save(x):
    return x


async def main():
    print(await asyncio.shield(save(1)))
    return [await asyncio.shield(save(v)) for v in range(3)]
