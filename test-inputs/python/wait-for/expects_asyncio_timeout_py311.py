import asyncio
import unittest

import pytest


class T(unittest.IsolatedAsyncioTestCase):
    async def test_times_out(self):
        cond = asyncio.Condition()
        async with cond:
            with self.assertRaises(asyncio.TimeoutError):
                await asyncio.wait_for(cond.wait(), timeout=0.01)


async def test_with_pytest():
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.sleep(1), 0.01)


async def test_builtin():
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
