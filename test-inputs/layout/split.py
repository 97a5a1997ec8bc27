# Lines a migration may write, longer than black's 88 columns: matchers/python/layout.h splits
# each as black 23 does (split.expected.py is `black` of this file). Read by tests/test_layout.cpp.
async def f():
    if True:
        out = anyio.run(functools.partial(discover, adapter=args.adapter, timeout=float(args.timeout)))
        result = await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_x)
        result = await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)
        await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxxxxxx)
        try:
            pass
        except (anyio.get_cancelled_exc_class(), TimeoutError, asyncio.TimeoutError, OSError):
            pass
        with anyio.fail_after(self.configuration.timeouts.connect_timeout_seconds_for_peer):
            pass
        return await _anymig_gather(self.fetch_one(url_a), self.fetch_two(url_b), self.fetch_c())
        tg.start_soon(db.execute, "insert into multiple_queries (k) values (?)", [i], abcdef)
        x = self.value.something(abc).other_method_name(argument_number_one, argument_two_long)
        self.xxxxxxxxxxxxxxxxxx = anyio.Event() if self.yyyyyyyyyyyyyyyyyyyyyyyyyy else Noneeeeeeeee
        results = [await anyio.to_thread.run_sync(function_name_here, item) for item in items_xx]
        value = self.some_object.attribute_name + await anyio.sleep(delay_in_secondsssssssssss)
        print("message", await _anymig_wait_for(self.fetch_the_thing(url), timeout=timeout_value))
        await self.method_name_long(anyio.get_cancelled_exc_class(), another_argument_here)()


class C:
    async def f(self):
        with anyio.fail_after(self.configuration.timeouts.connect_timeout_secs) as scope_name:
            pass
        raise anyio.BrokenResourceError("the stream was closed while reading the request body") from exc
        self.results[key_name] += await anyio.to_thread.run_sync(self.compute_value, argument_x)
        response_data = {"status": await self.fetch_status(url), "body": await anyio.sleep(0)}
        return (await anyio.to_thread.run_sync(self.load, path_name), await self.fetch(url_value))
        value = await anyio.to_thread.run_sync(functools.partial(self.compute, key=value, other=x2))
        await anyio.to_thread.run_sync(some_function_name, *arguments_list, keyword_argumentttt=1)
        tg.start_soon(self.handle_connection_from_client, connection_object, address_of_the_peer)
        x = [await anyio.to_thread.run_sync(fetch_item, item) for item in items if item.enabled_x]
        if isinstance(exc, (anyio.get_cancelled_exc_class(), KeyboardInterrupt, SystemExit, OSError)):
            pass
        assert isinstance(exc, (anyio.get_cancelled_exc_class(), KeyboardInterrupt, SystemExit, Ex))
        self.assertRaises(anyio.get_cancelled_exc_class(), self.loop.run_until_complete, task_object)
        logger.debug("cancelled while waiting for %s after %s seconds", self.name_of_thing, timeout_)
        value = self.cache.get(key) or await anyio.to_thread.run_sync(self.compute_the_value, key_x)
        result: Optional[int] = await anyio.to_thread.run_sync(self.compute_the_value_of, keyname)
        await self.method_one(argument).method_two(argument_two).method_three(argument_three_x)


def main(arguments):
    found = anyio.run(
        functools.partial(discover, adapter=arguments.adapter, timeout=float(arguments.timeout), retries=3)
    )
    value = compute(
        first_argument, second_argument, [element_one, element_two, element_three_long_name_x,]
    )
    print(found)


async def g(self):
    async with anyio.create_task_group() as tg_name, anyio.fail_after(timeout_valueeeeeeeeeeeeee):
        pass
    await self.method_one(argument).method_two(argument_two).method_three(argument_threeeee)
    await anyio.to_thread.run_sync(some_function_name, *arguments_list, keyword_argumentttt=1, x=2)


async def h(e, seen):
    if True:
        seen.append(type(e) is anyio.get_cancelled_exc_class() or type(e).__name__ == "Cancelled")
        seen.append(isinstance(e, anyio.get_cancelled_exc_class()) and not self.stopped_already_xx)
        value = self.first_value_with_long_name + self.second_value_with_long_name * third_value
        result = session.query(models.Customer.id).filter(models.Customer.account_id == 10).all()
        flag = anyio.get_cancelled_exc_class() if self.cancelled_already_xxx else self.other_xx
        message = ("the stream was closed while reading the request body " "and more text here")


async def k(self):
    try:
        pass
    except anyio.get_cancelled_exc_class() as exceptionnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn:
        pass
    except (anyio.get_cancelled_exc_class(), SomeOtherVeryLongExceptionName, AnotherOne) as exc:
        pass
    except anyio.get_cancelled_exc_class_with_a_much_longer_name_here_to_exceed_the_limit_x():
        pass
    if self.first_condition_is_long_enough and anyio.get_cancelled_exc_class() is not None:
        pass
    while self.first_condition_is_long_enough_to_wrap and not self.cancelled_already_xxx:
        pass
    return anyio.get_cancelled_exc_class_with_a_much_longer_name_here_to_exceed_the_limit()
    self.some_attribute_name = anyio.get_cancelled_exc_class_with_a_much_longer_name_herex()
