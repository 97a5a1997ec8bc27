# behavior: asyncio-only
# expect-flag: AM103 [needs-review] asyncio.Event() in a synchronous function: before anyio 4.2
# expect-flag: (another file of the run may create it where no task runs:
# expect-flag: cross_module_event_refused/main.py:
# expect-flag: : `svc.Service` is used outside async code)
# expect-output: True True
import asyncio

import svc

DEFAULT = svc.Service()  # at import time: no event loop runs (anyio.Event() needs one before 4.2)


async def main():
    await DEFAULT.start()
    other = await svc.make()
    print(DEFAULT.ready.is_set(), other.ready.is_set())


asyncio.run(main())
