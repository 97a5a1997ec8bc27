# expect-output: transfer timed out; ledger open: False
# expect-output: committed
# expect-output: ['rolled back', 'alice->bob: 20']
# A request handler with timeouts around a service whose ledger (another module, reached through
# an object) rolls back on cancellation and re-raises. anymig migrates the ledger's handler (its
# rollback shielded) and, because the ledger's summary says so, the timeouts here.
import asyncio

from accounts import AccountService
from ledger import Ledger


async def main():
    ledger = Ledger()
    service = AccountService(ledger)
    try:
        await asyncio.wait_for(service.transfer("alice", "bob", 30, slow=True), 0.05)
    except asyncio.TimeoutError:
        print("transfer timed out; ledger open:", ledger.open)
    print(await asyncio.wait_for(service.transfer("alice", "bob", 20), 1))
    print(ledger.entries)


asyncio.run(main())
