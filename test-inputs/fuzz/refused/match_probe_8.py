import asyncio
match x:
 case C(y, a=y): pass

async def m():
    await asyncio.sleep(1)
