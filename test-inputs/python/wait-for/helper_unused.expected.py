import anyio


async def main(fetch):
    with anyio.fail_after(1):
        return await fetch()
