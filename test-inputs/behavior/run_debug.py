# behavior: asyncio-only
# expect-migrated: anyio.run(main, backend_options={"debug": True})
# expect-output: debug mode: True
# asyncio.run(main(), debug=True) -> anyio.run(main, backend_options={"debug": True}): anyio's
# asyncio backend hands `debug` to asyncio.run(). (asyncio-only: trio has no loop debug mode.)
import asyncio


async def main():
    await asyncio.sleep(0)
    print("debug mode:", asyncio.get_running_loop().get_debug())


asyncio.run(main(), debug=True)
