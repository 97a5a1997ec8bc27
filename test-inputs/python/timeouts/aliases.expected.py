
import anyio


async def main(fetch):
    with anyio.fail_after(1):
        await fetch()
    with anyio.fail_after(2):
        await fetch()
