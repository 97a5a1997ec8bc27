import asyncio
import contextlib
import unittest

import anyio

CANCELLED = asyncio.CancelledError


class Tests(unittest.IsolatedAsyncioTestCase):
    async def test_cancel(self):
        task = asyncio.ensure_future(anyio.sleep(1))
        task.cancel()
        with self.assertRaises(anyio.get_cancelled_exc_class()):
            await task
        self.assertIsInstance(task.exception() if False else asyncio.CancelledError(), BaseException)

    def test_sync(self):
        self.assertRaises(asyncio.CancelledError, lambda: None)


async def checks(exc, excs):
    with contextlib.suppress(anyio.get_cancelled_exc_class(), KeyError):
        await anyio.sleep(0)
    kinds = (anyio.get_cancelled_exc_class(), TimeoutError)
    return (
        isinstance(exc, anyio.get_cancelled_exc_class()),
        type(exc) is anyio.get_cancelled_exc_class(),
        isinstance(exc, kinds),
        [isinstance(e, anyio.get_cancelled_exc_class()) for e in excs],
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
