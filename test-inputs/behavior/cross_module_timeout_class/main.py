# behavior: asyncio-only
# expect-migrated: except (TimeoutError, asyncio.TimeoutError):
# expect-output: poll: timed out
# expect-output: poll: done
# A request handler whose `except asyncio.TimeoutError:` catches two timeouts: its own
# wait_for (migrated to anyio's fail_after, which raises the builtin TimeoutError) and the one
# client.poll() keeps (asyncio's class). Before Python 3.11 the two classes differ, so the
# handler must catch both (on 3.11, this machine, both spellings behave alike: the program
# checks the rewrite's text, and that behaviour on 3.11 is unchanged).
import asyncio

from client import poll


async def fetch(delay):
    try:
        await asyncio.wait_for(poll(delay), 5)
    except asyncio.TimeoutError:
        return "timed out"
    return "done"


async def main():
    print("poll:", await fetch(10))
    print("poll:", await fetch(0))


asyncio.run(main())
