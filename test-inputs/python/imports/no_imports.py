# Licence header
async def main():
    import asyncio
    await asyncio.sleep(0)
