import asyncio
match x:
 case {"k": y, **y}: pass

async def m():
    await asyncio.sleep(1)
