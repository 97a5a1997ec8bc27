import asyncio
import unittest

import anyio
import pytest


class T(unittest.IsolatedAsyncioTestCase):
    async def test_times_out(self):
        cond = asyncio.Condition()
        async with cond:
            with self.assertRaises(asyncio.TimeoutError):
                await asyncio.wait_for(cond.wait(), timeout=0.01)


async def test_with_pytest():
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(anyio.sleep(1), 0.01)


async def test_builtin():
    with pytest.raises(TimeoutError):
        with anyio.fail_after(0.01):
            await anyio.sleep(1)
