import asyncio
from asyncio import iscoroutinefunction as is_async


def describe(func, value):
    if asyncio.iscoroutinefunction(func) or is_async(func):
        kind = "async"
    else:
        kind = "sync"
    return kind, asyncio.iscoroutine(value)
