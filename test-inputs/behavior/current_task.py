import asyncio


async def child(seen):
    seen.append(isinstance(asyncio.current_task().get_name(), str))
    seen.append(id(asyncio.current_task()) != 0)


async def main():
    seen = []
    await child(seen)
    print("running tasks:", len(asyncio.all_tasks()) >= 1)
    print("name and id:", seen)


asyncio.run(main())
