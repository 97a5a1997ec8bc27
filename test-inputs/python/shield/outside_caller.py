import asyncio

import framework


async def save(n):
    await asyncio.sleep(0)
    return n


async def public_unused():
    # Kept: public, and no code of the run calls it (an importer, a framework may, and cancel it).
    await asyncio.shield(save(1))


async def _helper():
    await asyncio.shield(save(2))


async def handler():
    # Kept (the shield in `_helper`): handed on as a value below.
    await _helper()


def setup(app):
    app.add_route("/x", handler)


@framework.route("/y")
async def routed():
    # Kept: registered by a decorator.
    await asyncio.shield(save(3))


class Session:
    async def __aexit__(self, *exc):
        # Kept: a protocol method runs wherever a Session goes.
        await asyncio.shield(save(4))


async def _private_used():
    # Migrated: only `main` calls it, and only the module's runner calls `main`.
    await asyncio.shield(save(5))


async def main():
    await _private_used()


asyncio.run(main())
