import asyncio
match x:
 case y | z: pass

async def m():
    await asyncio.sleep(1)
