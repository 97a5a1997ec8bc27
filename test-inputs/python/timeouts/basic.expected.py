import anyio


async def fetch():
    return 1


async def main(limit):
    with anyio.fail_after(5):
        await fetch()
    with anyio.fail_after(delay=limit):  # configured
        await fetch()
        await fetch()
    with anyio.fail_after(None):
        await fetch()
    try:
        with anyio.fail_after(0.1):
            await fetch()
    except TimeoutError:
        pass
