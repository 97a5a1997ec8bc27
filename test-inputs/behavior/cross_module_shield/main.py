# expect-output: order 1: 201 created
# expect-output: order 2: 504 timeout
# expect-output: stored: ['order 1', 'order 2']
# A request handler whose timeout (migrated: nothing it reaches behaves differently under anyio's
# timeout) cancels an order placement that shields its write in another module: with no asyncio
# cancellation left in any module calling it, the shield is migrated too. (asyncio returns the
# timeout at once and finishes the write in the background; anyio finishes the write, then
# raises: the printed outcome is the same.)
import asyncio

import orders


async def handle(store, order, delay):
    try:
        return await asyncio.wait_for(orders.place_order(store, order, delay), 0.5)
    except asyncio.TimeoutError:
        return "504 timeout"


async def main():
    store = orders.OrderStore()
    print("order 1:", await handle(store, "order 1", 0))
    print("order 2:", await handle(store, "order 2", 1.0))
    await asyncio.sleep(1.5)  # the shielded write of order 2 has finished in either case
    print("stored:", store.rows)


asyncio.run(main())
