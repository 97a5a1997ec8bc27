"""The seed's batches broke files by inserting `import inspect` inside a try block."""

import inspect


def check(func):
    try:
        return inspect.iscoroutinefunction(func)
    except AttributeError:
        return False
