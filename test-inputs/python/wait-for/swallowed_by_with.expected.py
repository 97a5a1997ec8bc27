import asyncio
import contextlib
import unittest

import anyio


class T(unittest.IsolatedAsyncioTestCase):
    async def test_race(self):
        async def inner():
            with self.assertRaises(anyio.get_cancelled_exc_class()):
                await anyio.sleep(1)
            return 1

        result = await asyncio.wait_for(inner(), timeout=0.01)
        self.assertEqual(result, 1)


async def quiet():
    with contextlib.suppress(anyio.get_cancelled_exc_class()):
        await anyio.sleep(1)
    return "stopped"


async def loud():
    with contextlib.suppress(ValueError):
        await anyio.sleep(1)


async def main():
    print(await asyncio.wait_for(quiet(), 0.01))
    with anyio.fail_after(0.01):
        await loud()
