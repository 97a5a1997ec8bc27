import asyncio
match x:
 case [y] as y: pass

async def m():
    await asyncio.sleep(1)
