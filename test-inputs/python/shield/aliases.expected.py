
import anyio


async def main(save):
    with anyio.CancelScope(shield=True):
        await save()
    await anyio.lowlevel.checkpoint()
    with anyio.CancelScope(shield=True):
        await save()
    await anyio.lowlevel.checkpoint()
