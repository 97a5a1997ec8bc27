"""A FastAPI-style front: startup/shutdown handlers that own a background task.

`app` is a tiny stand-in for fastapi.FastAPI so the example runs without FastAPI; the
handlers are written exactly as the seed's FastAPI services wrote them.
"""
import asyncio


class App:
    def __init__(self):
        self.handlers = {"startup": [], "shutdown": []}
        self.state = {}

    def on_event(self, event):
        def decorator(func):
            self.handlers[event].append(func)
            return func

        return decorator

    async def fire(self, event):
        for handler in self.handlers[event]:
            await handler()


app = App()
_background = set()
TICKS = []


async def refresh_loop():
    while True:
        TICKS.append("tick")
        await asyncio.sleep(0.01)


@app.on_event("startup")
async def startup_event():
    # FastAPI startup events start background work with asyncio.create_task
    task = asyncio.create_task(refresh_loop())
    _background.add(task)


@app.on_event("shutdown")
async def shutdown_event():
    for task in _background:
        task.cancel()
    _background.clear()


async def serve_once():
    await app.fire("startup")
    await asyncio.sleep(0.025)
    await app.fire("shutdown")
    return "served" if TICKS else "idle"
