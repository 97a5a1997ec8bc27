from compat import USE_ANYIO
import asyncio
import anyio


async def tick():
	if USE_ANYIO:
		await anyio.sleep(0)
	else:
		await asyncio.sleep(0)
	text = """
    a multi-line string keeps its bytes
"""
	return text
