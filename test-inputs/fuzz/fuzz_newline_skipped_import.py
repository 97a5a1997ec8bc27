"""Fuzz finding: tree-sitter reads `from collec` and the next line as one import (it skips a
line break where its grammar cannot end the statement); CPython refuses the file."""
import asyncio
from collec
import os


async def main():
    await asyncio.sleep(os.cpu_count())
