import asyncio
import threading


def blocking(x, y=0, *, scale=1):
    return (x + y) * scale, threading.current_thread() is not threading.main_thread()


def failing(message):
    raise ValueError(message)


async def main():
    print(await asyncio.to_thread(blocking, 1))
    print(await asyncio.to_thread(blocking, 1, 2))
    print(await asyncio.to_thread(blocking, 1, y=2, scale=10))
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking, 4, 5))
    print(await asyncio.get_running_loop().run_in_executor(None, blocking, 6))
    try:
        await asyncio.to_thread(failing, "boom")
    except ValueError as exc:
        print("caught", exc)


asyncio.run(main())
