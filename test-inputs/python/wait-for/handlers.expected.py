import anyio


async def fetch(n):
    return n


async def caught():
    try:
        with anyio.fail_after(1):
            return await fetch(1)
    except TimeoutError:
        return None


async def builtin_caught():
    try:
        with anyio.fail_after(1):
            value = await fetch(2)
    except TimeoutError:
        value = None
    return value


async def two_in_one_try():
    try:
        with anyio.fail_after(1):
            a = await fetch(3)
        with anyio.fail_after(1):
            b = await fetch(4)
    except TimeoutError:
        a = b = None
    return a, b
