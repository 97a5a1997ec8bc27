import asyncio
import unittest

import anyio


async def boom():
    await anyio.sleep(0.01)
    1 / 0


async def slow(log):
    await anyio.sleep(0.05)
    log.append("slow finished")


class GatherTests(unittest.IsolatedAsyncioTestCase):
    async def test_first_failure(self):
        log = []
        with self.assertRaises(ZeroDivisionError):
            await asyncio.gather(boom(), slow(log))
        await anyio.sleep(0.1)
        self.assertEqual(log, ["slow finished"])


async def both(log):
    with anyio.fail_after(1):
        await asyncio.gather(slow(log), slow(log))
