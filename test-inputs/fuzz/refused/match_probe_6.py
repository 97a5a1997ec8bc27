import asyncio
match x:
 case y as z: pass
 case 1: pass

async def m():
    await asyncio.sleep(1)
