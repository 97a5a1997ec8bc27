# Blank lines around definitions a migration wrote, and comments after split statements:
# black 23 of this file is blank_lines.expected.py. Read by tests/test_layout.cpp.
async def main():
    q_send, q_receive = anyio.create_memory_object_stream(math.inf)  # unbounded: the producer never blocks
    tasks = [1]
    async def run_awaitable(coro):
        await coro
    async with anyio.create_task_group() as tg:
        pass
    x = 1
    def helper():
        pass
    y = 2
    if x:
        def helper2():
            pass
    await anyio.to_thread.run_sync(some_function_name, argument_one, arg)  # a long comment here xx
    await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxxxxxx)  # c
async def top():
    pass
x = 1
