# Lines matchers/python/layout.h leaves as they are: black splits them, but their shape (a
# lambda) is not one the layout follows. tests/test_layout.cpp.
async def f(self):
    foo = await anyio.to_thread.run_sync(lambda: self.compute(key_value_long_name_here_xxxxxx))
