# Lines matchers/python/layout.h leaves as they are (black would split them otherwise than at a
# bracket, or their shape is not one the layout follows). Read by tests/test_layout.cpp.
async def f(self):
    try:
        pass
    except anyio.get_cancelled_exc_class() as exceptionnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn:
        pass
    foo = await anyio.to_thread.run_sync(lambda: self.compute(key_value_long_name_here_xxxxxx))
    value = first_argument_with_a_long_name + second_argument_with_a_long_name * third_argumentt
