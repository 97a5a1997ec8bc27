"""Fuzz finding: a vertical tab between tokens is white space to tree-sitter; CPython refuses
it (invalid non-printable character U+000B)."""
import asyncio


async def main():
    total = 1+ 2
    await asyncio.sleep(total)
