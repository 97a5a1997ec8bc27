import asyncio


async def main(save, other):
    # the gather is kept (its failure reaches callers this module does not show), so the
    # shield inside its arguments is a site of its own and is reported
    await asyncio.gather(asyncio.shield(save()), other())
    # the shield handed to wait_for is not awaited directly: reported, whatever the wait_for becomes
    return await asyncio.wait_for(asyncio.shield(save()), timeout=1) + 1
