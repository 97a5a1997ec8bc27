"""Corpus test on Debian's packages with heavy asyncio use (aiohttp, websockets, uvicorn,
starlette, httpx, httpcore, aiosqlite, aiofiles, aioredis, asyncpg, janus, aiostream; installed
by scripts/bootstrap.sh): real services' code nobody here wrote. Every file that compiled before
`migrate` must compile after it, a second run must change nothing; prints the per-rule counts and
how many modules have no asyncio site left."""
import os

from common import Results, parse_args
from test_corpus import migrate_corpus

SITE = "/usr/lib/python3/dist-packages"
PACKAGES = ["aiohttp", "websockets", "uvicorn", "starlette", "httpx", "httpcore", "aiosqlite", "aiofiles",
            "aioredis", "asyncpg", "janus", "aiostream"]


def main():
    args = parse_args()
    results = Results()
    missing = [p for p in PACKAGES if not os.path.isdir(os.path.join(SITE, p))]
    results.check("Debian asyncio packages installed", not missing,
                  "missing (scripts/bootstrap.sh installs them): " + ", ".join(missing))
    if missing:
        results.finish()
    migrate_corpus(args, results, "debian-asyncio", [os.path.join(SITE, p) for p in PACKAGES])
    results.finish()


if __name__ == "__main__":
    main()
