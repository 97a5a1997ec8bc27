import asyncio
import contextlib
import unittest

CANCELLED = asyncio.CancelledError


class Tests(unittest.IsolatedAsyncioTestCase):
    async def test_cancel(self):
        task = asyncio.ensure_future(asyncio.sleep(1))
        task.cancel()
        with self.assertRaises(asyncio.CancelledError):
            await task
        self.assertIsInstance(task.exception() if False else asyncio.CancelledError(), BaseException)

    def test_sync(self):
        self.assertRaises(asyncio.CancelledError, lambda: None)


async def checks(exc, excs):
    with contextlib.suppress(asyncio.CancelledError, KeyError):
        await asyncio.sleep(0)
    kinds = (asyncio.CancelledError, TimeoutError)
    return (
        isinstance(exc, asyncio.CancelledError),
        type(exc) is asyncio.CancelledError,
        isinstance(exc, kinds),
        [isinstance(e, asyncio.CancelledError) for e in excs],
        any(isinstance(e, asyncio.CancelledError) for e in excs),
        lambda e: isinstance(e, asyncio.CancelledError),
    )


async def stop():
    raise asyncio.CancelledError


async def later(exc: asyncio.CancelledError, kind=asyncio.CancelledError):
    def inner(e):
        return isinstance(e, asyncio.CancelledError)

    class Kinds:
        cancelled = asyncio.CancelledError

    return inner, Kinds
