
import anyio


async def fetch():
    return 1


async def main():
    with anyio.fail_after(1):
        await fetch()
    with anyio.fail_after(2):
        await fetch()
