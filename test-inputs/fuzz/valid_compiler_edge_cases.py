"""Valid Python near every rule of matchers/python/compile_check.cpp: none may be refused."""
import asyncio
from os import *  # import * at module level


xs = [1, 2]
gen_at_module = (await_ for await_ in xs)
async_gen_at_module = (x async for x in asyncio.as_completed([]))
print >>sys, "a chevron is a shift and a tuple"
global module_level_global
a, *rest = xs
*b, = xs
[*c] = xs
(d, *e), *f = [(1, 2), 3]
(annotated): int = 1
g: int
h = *xs,
i = [*xs, *xs]
j = xs[*xs] if False else None
print(*xs, sep="")
k = lambda: (yield)
l = lambda x=1, *args, y, z=2, **kw: 0
walrus_nested = (n := (o := 1)) + n + o
m = 1_000 + 0x_1f + 0o_7 + 0b_1 + 1_0.5e1_0 + 1j + .5j + 00 + 0_0
aug = [1]
(aug) += [2]  # parentheses around one augmented target make no tuple (CPython's test_compile.py)
((aug)) += [3]
(aug[0]) += 1
(xs.
    __class__) *= 1


def sync_with_async_genexp(items):
    return (await item for item in items)


def sync_with_async_for_genexp(items):
    return [(x async for x in item) for item in items]


def typed(a, b: int = 1, *args: int, c, d: str = "", **kwargs: int) -> None:
    return None


def positional(a, /, b, *, c):
    return a, b, c


def keyword_calls():
    return dict(a=1, *[()], **{"b": 2}), dict(**{"x": 1}, y=2)


def loops(items):
    for item in items:
        try:
            pass
        finally:
            continue
    while items:
        break
    else:
        pass
    for item in items:
        class Inner:
            pass
        if item:
            break


def scopes():
    bound = 1
    imported = None
    import os as imported
    for looped in []:
        pass
    with open(__file__) as opened:
        pass
    try:
        pass
    except OSError as caught:
        pass
    [walrused := 1 for _ in []]
    annotated_only: int
    deleted = 1
    del deleted
    match bound:
        case [matched]:
            pass
        case _:
            pass

    def inner(param):
        nonlocal bound, imported, looped, opened, caught, walrused, annotated_only, deleted, matched
        bound = param
        return bound

    return inner


def declared_first():
    global later
    later = 1
    nonlocal_free = 0

    def uses():
        nonlocal nonlocal_free
        nonlocal_free += 1
        return nonlocal_free

    return uses


class WithSuper:
    def method(self):
        nonlocal __class__
        return super().method()


class Body:
    attribute = [x for x in range(3)]
    generator = (x for x in range(3))


async def coroutine(items):
    await asyncio.sleep(0)
    values = [await x for x in items]
    nested = [[await x for x in inner] for inner in items]
    first_iterable = [x for x in await asyncio.gather()]
    async for x in aiter(items):
        pass
    async with asyncio.Lock():
        pass
    default = lambda v=await asyncio.sleep(0): v
    operands = (await (await asyncio.sleep(0)), -await asyncio.sleep(0), await asyncio.sleep(0) ** 2,
                await [x][0], await asyncio.sleep(0) if x else None)
    return values, nested, first_iterable, default, operands


async def async_generator():
    yield 1
    return


def generator():
    yield 1
    yield from range(2)
    return 2


def except_star():
    for _ in []:
        try:
            pass
        except* ValueError:
            for _ in []:
                break


def try_order():
    try:
        pass
    except ValueError:
        pass
    except:
        pass
    else:
        pass
    finally:
        pass


async def main():
    await asyncio.sleep(1)


asyncio.run(main())


def patterns(x, Color):
    match x:
        case Color.RED | Color.BLUE:
            pass
        case {"a": a, **rest} | {"b": a, **rest}:
            pass
        case (a, b) | [b, a]:
            pass
        case [first, *_] if first:
            pass
        case str() | bytes():
            pass
        case {"k": [*middle, last]}:
            pass
        case _:
            pass
