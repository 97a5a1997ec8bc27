# behavior: asyncio-only
# expect-flag: AM102 [needs-review] asyncio.run() kept: the module reads the event loop's debug mode (`loop.get_debug` at line
# expect-output: debug mode: True
# asyncio.run() follows PYTHONASYNCIODEBUG (and -X dev); before anyio 4.4, anyio.run() turns
# debug mode off, so a program that reads it printed False once migrated.
import asyncio
import os


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0)
    print("debug mode:", loop.get_debug())


os.environ["PYTHONASYNCIODEBUG"] = "1"
asyncio.run(main())
