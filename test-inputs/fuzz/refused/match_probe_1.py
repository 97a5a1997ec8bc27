import asyncio
match x:
 case 1 | _: pass
 case 2: pass

async def m():
    await asyncio.sleep(1)
