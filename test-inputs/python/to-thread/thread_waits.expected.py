import asyncio
import concurrent.futures
import logging
import os
import threading
import time
import urllib.request
import queue

import anyio

barrier = threading.Barrier(8, timeout=1)
jobs = queue.Queue()
lock = threading.Lock()
state = threading.local()
settings = {"retries": 3}
log = logging.getLogger(__name__)


def meet():
    barrier.wait()


def consume():
    return take()


def take():
    return jobs.get()


def guarded():
    with lock:
        return 1


def counted():
    state.calls = getattr(state, "calls", 0) + 1


def named():
    return threading.current_thread().name


def waits_for_all(futures):
    concurrent.futures.wait(futures)


def wait_on(event):
    event.wait()


def plain(parts, sep):
    time.sleep(0.1)
    return sep.join(parts) + str(settings.get("retries"))


def noisy():
    log.info("working")


def off_main():
    return threading.current_thread() is not threading.main_thread()


class Pool:
    def __init__(self):
        self._ready = threading.Condition()

    def ready(self):
        with self._ready:
            self._ready.wait()

    async def run(self):
        await asyncio.to_thread(self.ready)


async def main(event, futures, path, fd):
    loop = asyncio.get_running_loop()
    await asyncio.to_thread(meet)
    await asyncio.to_thread(barrier.wait)
    await loop.run_in_executor(None, consume)
    await asyncio.to_thread(guarded)
    await asyncio.to_thread(counted)
    await asyncio.to_thread(lambda: named())
    await asyncio.to_thread(waits_for_all, futures)
    await asyncio.to_thread(wait_on, event)
    await asyncio.to_thread(event.wait)
    await asyncio.to_thread(urllib.request.urlopen, "http://localhost")
    await anyio.to_thread.run_sync(time.sleep, 0.1, cancellable=True)
    await anyio.to_thread.run_sync(plain, ["a"], "-", cancellable=True)
    await anyio.to_thread.run_sync(path.stat, cancellable=True)
    await asyncio.to_thread(noisy)
    await anyio.to_thread.run_sync(off_main, cancellable=True)
    await asyncio.to_thread(os.read, fd, 10)
