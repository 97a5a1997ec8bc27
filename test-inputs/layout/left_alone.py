# Lines matchers/python/layout.h leaves as they are: black splits them, but their shape (a
# name after `except ... as`, a lambda) is not one the layout follows. tests/test_layout.cpp.
async def f(self):
    try:
        pass
    except anyio.get_cancelled_exc_class() as exceptionnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn:
        pass
    foo = await anyio.to_thread.run_sync(lambda: self.compute(key_value_long_name_here_xxxxxx))
