import inspect


def describe(func, value):
    if inspect.iscoroutinefunction(func) or inspect.iscoroutinefunction(func):
        kind = "async"
    else:
        kind = "sync"
    return kind, inspect.iscoroutine(value)
