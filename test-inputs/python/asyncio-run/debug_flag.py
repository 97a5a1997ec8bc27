import asyncio


async def main(verbose, *, retries=3):
    loop = asyncio.get_running_loop()
    return verbose, retries, loop.get_debug()


asyncio.run(main(True), debug=True)
asyncio.run(main(False, retries=1), debug=False)
asyncio.run(main(True))
