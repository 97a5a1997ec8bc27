from . import store


async def handle(log, slow):
    log.append("handling")
    return await store.commit(log, slow)
