"""--fix-broken-files: a file that already has a syntax error is edited only in top-level
statements without error nodes, written only if its error nodes after the run are exactly the
pre-existing ones, and reported separately in the summary. Without the flag it is left alone."""
import os

from common import Results, fresh_dir, parse_args, run

PY = "/usr/bin/python3"

BROKEN = """import asyncio


async def good():
    await asyncio.sleep(0)


async def broken(:
    await asyncio.sleep(1)


async def also_good():
    async with asyncio.timeout(1):
        await asyncio.sleep(0)
"""

EXPECTED = """import asyncio

import anyio


async def good():
    await anyio.sleep(0)


async def broken(:
    await asyncio.sleep(1)


async def also_good():
    with anyio.fail_after(1):
        await anyio.sleep(0)
"""

# The only site is inside the broken statement: nothing to do, the file stays as it is.
BROKEN_IMPORTS = """import asyncio


async def broken(:
    await asyncio.sleep(0)
"""


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    results = Results()
    path = os.path.join(work, "service.py")
    other = os.path.join(work, "imports.py")
    for p, text in ((path, BROKEN), (other, BROKEN_IMPORTS)):
        with open(p, "w") as f:
            f.write(text)
    plain = run([args.anymig, "migrate", path, other], cwd=work)
    with open(path) as f:
        results.check("without the flag the file is left byte-identical", f.read() == BROKEN, plain.stderr)
    mig = run([args.anymig, "migrate", "--fix-broken-files", path, other], cwd=work)
    with open(path) as f:
        got = f.read()
    results.check("with it, only the statements without errors are migrated", got == EXPECTED,
                  f"got:\n{got}\nstderr:\n{mig.stderr}")
    results.check("the summary reports the file separately",
                  f"  files skipped:   1 with syntax errors, 0 with errors\n"
                  f"  files with syntax errors, edited around them (--fix-broken-files): 1\n    {path}\n" in mig.stderr,
                  mig.stderr)
    results.check("the site inside the broken statement is reported",
                  "service.py:11:11: AM101 [kept-by-policy]" in mig.stdout and "has a syntax error" in mig.stdout,
                  mig.stdout)
    with open(other) as f:
        results.check("a site only inside the broken statement: nothing written", f.read() == BROKEN_IMPORTS, mig.stderr)
    second = run([args.anymig, "migrate", "--fix-broken-files", "--diff", path], cwd=work)
    results.check("a second run is a no-op", second.stdout == "", second.stdout)
    results.finish()


if __name__ == "__main__":
    main()
