import asyncio


async def slow():
    await asyncio.sleep(0.01)
    raise TimeoutError("took too long")


async def cancellable(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("cancelled")
        raise


async def main():
    try:
        await slow()
    except asyncio.TimeoutError as exc:
        print("timeout caught:", exc)
    print("done")


asyncio.run(main())
