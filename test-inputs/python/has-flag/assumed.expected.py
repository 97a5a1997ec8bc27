from compat import USE_ANYIO
import anyio


async def tick():
	await anyio.sleep(0)
	text = """
    a multi-line string keeps its bytes
"""
	return text
