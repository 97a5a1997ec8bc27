import asyncio


async def test_greeting(greeting):
    await asyncio.sleep(0)
    assert greeting == "hello"


async def test_to_thread():
    assert await asyncio.to_thread(len, "abc") == 3


async def test_fails_on_purpose(greeting):
    assert greeting == "bye"


def test_sync():
    assert True
