import asyncio


async def main(save, other):
    task = asyncio.shield(save())
    value = (await asyncio.shield(save())) + 1
    await asyncio.gather(asyncio.shield(save()), other())
    await asyncio.shield(
        save(),  # the important one
    )
    return task, value


def sync(save):
    return asyncio.shield(save())
