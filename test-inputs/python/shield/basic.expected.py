import anyio


async def save(record):
    await anyio.sleep(0.01)
    return record


async def main(record):
    with anyio.CancelScope(shield=True):
        await save(record)  # must finish
    await anyio.lowlevel.checkpoint()
    with anyio.CancelScope(shield=True):
        saved = await save(record)
    await anyio.lowlevel.checkpoint()
    if saved:
        with anyio.CancelScope(shield=True):
            result = await save(record)
        await anyio.lowlevel.checkpoint()
        return result


async def result_taken():
    result = 1
    with anyio.CancelScope(shield=True):
        result2 = await save(result)
    await anyio.lowlevel.checkpoint()
    return result2
