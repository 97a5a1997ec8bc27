#!/usr/bin/python3
"""CPython's nesting limit, differentially: for 18 deep shapes at depths either side of the
limit (about 2,990 levels of statements and expressions), `anymig check` must refuse every
module /usr/bin/python3's compile() refuses (RecursionError, MemoryError) and should accept what
it compiles, except in the conservative band 2,900..2,992 (matchers/python/compile_check.h).
Not in CI (126 modules, about a minute): `tests/long/depth_differential.py BUILD/anymig`.
Exit status 1 when an input CPython refuses is accepted."""
import os
import subprocess
import sys
import tempfile

SHAPES = {
    "attribute": lambda n: "y" + ".a" * n,
    "call": lambda n: "y" + "()" * n,
    "subscript": lambda n: "y" + "[0]" * n,
    "plus": lambda n: "x = 1" + "+1" * n,
    "minus": lambda n: "x = " + "-" * n + "1",
    "not": lambda n: "x = " + "not " * n + "y",
    "power": lambda n: "x = " + "2**" * n + "2",
    "lambda": lambda n: "x = " + "lambda: " * n + "1",
    "conditional": lambda n: "x = " + "a if b else " * n + "c",
    "and": lambda n: "x = a" + " and a" * n,
    "or-and": lambda n: "x = a" + " and a or a" * (n // 2),
    "compare": lambda n: "x = a" + " < a" * n,
    "elif": lambda n: "if a: pass\n" + "elif a: pass\n" * n,
    "elif-else": lambda n: "if a: pass\n" + "elif a: pass\n" * n + "else:\n    x = y.a\n",
    "chained-assignment": lambda n: "a = " * n + "1",
    "concatenation": lambda n: "x = " + "'a' " * n,
    "in-async-def": lambda n: "async def f():\n    await asyncio.sleep(1)\n    return y" + ".a" * n,
    "f-string": lambda n: "x = f'{y" + ".a" * n + "}'",
}
DEPTHS = (2800, 2880, 2895, 2990, 2995, 3100, 20000)


def compiles(path):
    """compile() called at module level in a fresh interpreter: the shallowest caller, whose
    limit is the highest (each frame of the caller's stack lowers it by 3 levels)."""
    r = subprocess.run(["/usr/bin/python3", "-I", "-c",
                        "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec', dont_inherit=True)",
                        path], capture_output=True, text=True)
    return r.returncode == 0


def main():
    anymig = sys.argv[1]
    wrong = conservative = 0
    with tempfile.TemporaryDirectory() as d:
        for name, shape in SHAPES.items():
            for n in DEPTHS:
                src = "import asyncio\n" + shape(n) + "\n"
                path = os.path.join(d, f"{name}_{n}.py")
                with open(path, "w") as f:
                    f.write(src)
                r = subprocess.run([anymig, "check", "--no-cache", "--no-progress", path],
                                   capture_output=True, text=True)
                refused = "skipped" in r.stderr
                ok = compiles(path)
                note = ""
                if not ok and not refused:
                    wrong += 1
                    note = "  <-- CPython refuses, anymig accepts"
                elif ok and refused:
                    conservative += 1
                    note = "  (refused; CPython compiles)"
                print(f"{name:18} {n:6} cpython={'compiles' if ok else 'refuses':8} "
                      f"anymig={'refuses' if refused else 'accepts'}{note}")
    print(f"{len(SHAPES) * len(DEPTHS)} modules: {wrong} refused by CPython but accepted, "
          f"{conservative} refused conservatively")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
