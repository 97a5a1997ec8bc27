try:
    import anyio
    HAS_ANYIO = True
except ImportError:
    anyio = None
    HAS_ANYIO = False


def features():
    return {"anyio": HAS_ANYIO}


async def nap():
    if HAS_ANYIO:
        await anyio.sleep(0)
