# Part of a library: its licence header, then the future import (slixmpp's
# xmlstream/handler/coroutine_callback.py has this shape). `import inspect` joins the
# standard-library section below `from __future__`, never above it.
from __future__ import annotations

import inspect


def is_handler(callback) -> bool:
    return inspect.iscoroutinefunction(callback)
