# behavior: asyncio-only
# expect-flag: AM101 [needs-review] asyncio.sleep() -> anyio.sleep() — not rewritten: the coroutine of `add` is stepped by hand (`coro.send` at line
# expect-output: []
# A coroutine whose first step is driven by hand, from a callback another thread schedules
# (CPython's test_run_coroutine_threadsafe_task_factory_exception), runs outside any task and
# outside anyio's context: asyncio.sleep() works there, anyio.sleep() cannot tell which event loop
# runs it (sniffio) and raised AsyncLibraryNotFoundError once migrated.
import asyncio
import threading


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


async def main():
    loop = asyncio.get_running_loop()
    errors = []
    loop.set_exception_handler(lambda _, context: errors.append(type(context["exception"]).__name__))
    coro = add(1, 2)
    kick = threading.Thread(target=loop.call_soon_threadsafe, args=(coro.send, None))
    kick.start()
    kick.join()
    await asyncio.sleep(0.05)
    coro.close()
    print(errors)


asyncio.run(main())
