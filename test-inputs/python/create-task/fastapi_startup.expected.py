import asyncio

import anyio
from fastapi import FastAPI

app = FastAPI()
state = {}


async def poll_forever():
    while True:
        await anyio.sleep(60)


@app.on_event("startup")
async def startup_event():
    state["poller"] = asyncio.create_task(poll_forever())


@app.on_event("shutdown")
async def shutdown_event():
    state["poller"].cancel()
