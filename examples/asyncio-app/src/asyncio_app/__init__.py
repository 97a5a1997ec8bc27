"""asyncio_app: a small asyncio service (a key-value cache with workers and a web front).

Everything here was written for plain asyncio, the way the seed codebase was: it is the
input anymig migrates to anyio. See the README next to pyproject.toml.
"""

__version__ = "0.3.0"
