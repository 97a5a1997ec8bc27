import unittest

import anyio
import pytest


class T(unittest.IsolatedAsyncioTestCase):
    async def test_times_out(self):
        cond = anyio.Condition()
        async with cond:
            with self.assertRaises(TimeoutError):
                with anyio.fail_after(0.01):
                    await cond.wait()


async def test_with_pytest():
    with pytest.raises(TimeoutError):
        with anyio.fail_after(0.01):
            await anyio.sleep(1)


async def test_builtin():
    with pytest.raises(TimeoutError):
        with anyio.fail_after(0.01):
            await anyio.sleep(1)
