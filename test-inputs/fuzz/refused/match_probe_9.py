import asyncio
match x:
 case [a] | [b]: pass

async def m():
    await asyncio.sleep(1)
