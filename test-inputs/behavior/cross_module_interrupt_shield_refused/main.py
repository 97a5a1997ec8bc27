# behavior: asyncio-only
# expect-flag: AM206 [needs-review] asyncio.shield() kept: `server.serve` is called from
# expect-flag: from Python 3.11 a Ctrl-C cancels its main task natively, and `server.serve` of another module of this run (in
# expect-output: ['shutting down', 'committed', 'interrupted']
# interrupt_shutdown_shield_refused.py split over three modules, as a service is: the entry point
# (asyncio.run), the server whose handler shuts down gracefully (awaits) after a Ctrl-C, and the
# store whose commit is shielded. From Python 3.11 asyncio.run cancels the main task natively on
# SIGINT; asyncio's shield lets the commit finish while the server's handler awaits, anyio's
# shield would not stop the native cancellation. The handler is in another module than the
# runner: the run's summaries carry it ("reaches a cancellation handler that awaits"), so the
# shield in store.py is kept, naming the runner and the server's handler.
import asyncio

from server import serve
from store import log

try:
    asyncio.run(serve())
except KeyboardInterrupt:
    log.append("interrupted")
print(log)
