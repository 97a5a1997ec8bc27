"""Fuzz finding: `asyncio.run_cg:` then an indented line reads as an annotated assignment in
tree-sitter (it skips the line break); CPython refuses the file."""
import asyncio


def main():
    loop = asyncio.get_event_loop()
    asyncio.run_cg:
        tg.start_soon(work)
    asyncio.run(loop)
