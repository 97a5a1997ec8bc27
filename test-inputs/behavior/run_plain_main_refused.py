# behavior: asyncio-only
# expect-flag: AM102 [needs-review] asyncio.run() kept: `main` (line
# expect-output: main called before the loop
# asyncio.run(main()) calls main() before the event loop starts; anyio.run(main) calls it inside
# the loop. When main is a plain function returning a coroutine, its code runs at another time:
# here it printed "main called inside the loop" once migrated.
import asyncio


async def work():
    await asyncio.sleep(0)


def main():
    try:
        asyncio.get_running_loop()
        print("main called inside the loop")
    except RuntimeError:
        print("main called before the loop")
    return work()


asyncio.run(main())
