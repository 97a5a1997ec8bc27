"""The asyncio import is the whole standard-library section: `import inspect` replaces it
and the blank line isort keeps between the future section and it stays."""
from __future__ import annotations

import asyncio


def is_handler(callback) -> bool:
    return asyncio.iscoroutinefunction(callback)
