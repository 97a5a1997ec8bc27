import asyncio
match x:
 case _ | 1: pass

async def m():
    await asyncio.sleep(1)
