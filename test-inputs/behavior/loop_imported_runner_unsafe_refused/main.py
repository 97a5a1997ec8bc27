# behavior: asyncio-only
# expect-flag: AM211 [needs-review] hand-driven event loop: `serve` may return to code of another module of the run (
# expect-output: served open
# The loop is driven by hand in server.serve(), and the CLI that calls it reads the current
# loop afterwards (a shape that cannot be seen from server.py alone): after the idiom the loop
# is still current (`served open`); after anyio.run() there is none, so the old migration ended
# in RuntimeError. The fix is unsafe (applied only with --unsafe-fixes).
import asyncio

import server

result = server.serve()
loop = asyncio.get_event_loop()
print(result, "closed" if loop.is_closed() else "open")
