# behavior: asyncio-only
# expect-flag: AM103 [needs-review] asyncio.Event() in a synchronous function: no code of this run calls `Service`,
# expect-flag: so where it runs cannot be told: before anyio 4.2 (target 3.6) anyio.Event() can only be created
# expect-flag: in a running task (rewritten with --unsafe-fixes)
# expect-output: ready: True
# migrate-args: --target-anyio 3.6.2
# The class is found by name at run time (as uvicorn loads "uvicorn.lifespan.on:LifespanOn"), so no
# code of the run calls it and where its Event is created cannot be told. Here it is created at
# import time: migrated with --unsafe-fixes, svc.py's anyio.Event() raises
# sniffio.AsyncLibraryNotFoundError there (anyio 3.6.2), asyncio.Event() does not.
import asyncio
import importlib

SERVICE = getattr(importlib.import_module("svc"), "Service")()


async def main():
    await SERVICE.start()
    print("ready:", SERVICE.ready.is_set())


asyncio.run(main())
