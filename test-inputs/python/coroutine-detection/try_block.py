"""The seed's batches broke files by inserting `import inspect` inside a try block."""
try:
    import asyncio
except ImportError:  # pragma: no cover
    asyncio = None


def check(func):
    try:
        return asyncio.iscoroutinefunction(func)
    except AttributeError:
        return False
