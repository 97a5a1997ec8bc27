# behavior: asyncio-only
# expect-flag: AM103 [needs-review] asyncio.Event() in a synchronous function: before anyio 4.2
# expect-flag: (it is only called from async code in this module, but
# expect-flag: cross_module_event_refused/main.py imports the module and may call it at import time)
# expect-output: True True
import asyncio

import svc

DEFAULT = svc.Service()  # at import time: no event loop runs (anyio.Event() needs one before 4.2)


async def main():
    await DEFAULT.start()
    other = await svc.make()
    print(DEFAULT.ready.is_set(), other.ready.is_set())


asyncio.run(main())
