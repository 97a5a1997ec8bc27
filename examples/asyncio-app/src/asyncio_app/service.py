"""The cache service: asyncio locks, events and semaphores guard a dict."""
import asyncio
from asyncio import sleep


class CacheService:
    """A tiny in-memory cache; every access takes the asyncio lock."""

    def __init__(self):
        self._data = {}
        self._lock = asyncio.Lock()
        self._ready = asyncio.Event()
        self._slots = asyncio.Semaphore(5)
        self._writers = asyncio.BoundedSemaphore(2)
        self._gate = Throttle()

    async def start(self):
        await sleep(0)  # let other tasks run, as the original did
        self._ready.set()

    async def put(self, key, value):
        await self._ready.wait()
        async with self._writers:
            async with self._lock:
                self._data[key] = value

    async def get(self, key):
        async with self._lock:
            return self._data.get(key)

    def size(self):
        return len(self._data)

    async def run_limited(self, delays):
        """Runs each job under the semaphore (at most five at once) and returns their results."""
        done = []
        for delay in delays:
            async with self._slots:
                await sleep(delay / 1000)
                done.append(delay * 10)
        return done

    async def throttle_round(self):
        return await self._gate.round()


class Throttle:
    """Opens and closes a gate: Event.clear() has no anyio equivalent, so this one stays."""

    def __init__(self):
        self._open = asyncio.Event()

    async def round(self):
        self._open.set()
        await self._open.wait()
        self._open.clear()
        return "closed" if not self._open.is_set() else "open"
