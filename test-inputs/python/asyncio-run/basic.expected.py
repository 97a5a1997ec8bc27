import functools

import anyio


async def main(a=1, b=2, *, verbose=False):
    return a + b


if __name__ == "__main__":
    anyio.run(main)
    anyio.run(main, 1, 2)
    total = anyio.run(functools.partial(main, 1, b=5, verbose=True))
    anyio.run(main,
        3,  # first
        4,
    )
    args = [1, 2]
    anyio.run(main, *args)
