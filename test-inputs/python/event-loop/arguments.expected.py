import functools

import anyio


async def main(n=1, *, label="x"):
    return n


result = anyio.run(functools.partial(main, 2, label="y"))
