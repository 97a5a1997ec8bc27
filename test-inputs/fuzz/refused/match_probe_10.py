import asyncio
match x:
 case [*_, *_]: pass

async def m():
    await asyncio.sleep(1)
