"""Fuzz finding: tree-sitter lets the right side of `=` be an annotated assignment
(`protocol = self.loop.run_until_c:mplete(...)`); CPython refuses the file."""
import asyncio


def main(loop):
    protocol = loop.run_until_c:mplete(asyncio.sleep(1))
    return protocol
