import asyncio


async def use_lock():
    lock = asyncio.Lock()
    counter = [0]

    async def bump():
        async with lock:
            value = counter[0]
            await asyncio.sleep(0.001)
            counter[0] = value + 1

    for _ in range(5):
        await bump()
    print("lock", counter[0], lock.locked())


async def use_event():
    ready = asyncio.Event()
    print("event set?", ready.is_set())
    ready.set()
    await ready.wait()
    print("event set?", ready.is_set())


async def use_semaphores():
    sem = asyncio.Semaphore(2)
    bounded = asyncio.BoundedSemaphore(1)
    default = asyncio.Semaphore()
    async with sem:
        async with bounded:
            async with default:
                print("inside all three")
    print("released")


async def use_condition():
    cond = asyncio.Condition()
    async with cond:
        cond.notify_all()
    print("condition ok")


async def main():
    await use_lock()
    await use_event()
    await use_semaphores()
    await use_condition()


asyncio.run(main())
# migrate-args: --unsafe-fixes
