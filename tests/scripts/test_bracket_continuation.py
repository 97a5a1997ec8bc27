"""Continuation lines inside brackets indented less than their statement (tree-sitter-python#256),
against /usr/bin/python3's compile(): CPython's tokenizer ignores indentation inside brackets, so
`def f():\n    x = (bar +\n  baz)` is valid, while tree-sitter-python's scanner produced a DEDENT
there after an operator or a dot and anymig refused the file as invalid syntax. Each shape below
is listed with CPython's verdict (checked first, so the list itself cannot drift), then anymig
must agree: a valid shape is neither refused nor changed by `check`/`migrate` but for its sites,
an invalid one is refused by name. Then a module with sites in such lines migrates to exactly the
expected text, which compiles, and CPython's own lib/test/test_compile.py (line 1288 is this
shape) is no longer refused."""
import os
import warnings

from common import Results, fresh_dir, parse_args, read, run, write

# (name, source, valid for CPython 3.11)
SHAPES = [
    ("operator_in_def", "def f():\n    x = (bar +\n  baz)\n    return x\n", True),
    ("issue_256_if_subscript", "if True:\n    l[i+\n1]\n    print(1+\n1)\n", True),
    ("dot_in_method", "class A:\n    def f(self):\n        return (bar.\n  baz)\n\n    def g(self):\n        pass\n", True),
    ("dict_colon", "def f():\n    d = {1:\n2}\n    return d\n", True),
    ("nested_brackets", "def f():\n    x = [(a *\n b), (c -\nd)]\n    return x\n", True),
    ("comment_at_column_0", "def f():\n    x = (a +\n# note\n  b)\n    return x\n", True),
    ("keyword_argument", "def f():\n    g(x=\n1)\n", True),
    ("three_levels", "class A:\n  def f(self):\n    if x:\n      y = (a or\nb)\n      return y\n    return 0\n", True),
    ("backslash_in_brackets", "def f():\n    x = (a + \\\n b)\n    return x\n", True),
    ("lambda_body", "def f(x):\n    k = sorted(x, key=lambda v:\nv)\n    return k\n", True),
    ("strings", "def f():\n    s = ('a' +\n'b')\n    return s\n", True),
    ("then_dedent_to_module", "def f():\n    x = (1 +\n2)\nx = 3\n", True),
    # refused by CPython: no brackets, an unclosed or mismatched one, a bad dedent after it
    ("no_brackets", "def f():\n    x = 1 +\n  2\n", False),
    ("unclosed", "def f():\n    x = (1 +\n  2\n", False),
    ("mismatched", "def f():\n    x = (1 +\n  2]\n", False),
    ("bad_dedent_after", "def f():\n    x = (1 +\n  2)\n  y = 3\n", False),
]

MODULE = ("import asyncio\n\n\nasync def g():\n    return 1\n\n\nasync def main():\n    await asyncio.sleep(1 +\n 1)\n"
          "    value = await asyncio.wait_for(g(), timeout=(1 *\n 2))\n    return (value.\n  result)\n")
MIGRATED = ("import anyio\n\n\nasync def g():\n    return 1\n\n\nasync def main():\n    await anyio.sleep(1 +\n 1)\n"
            "    with anyio.fail_after((1 *\n 2)):\n        value = await g()\n    return (value.\n  result)\n")


def compiles(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(text, "<shape>", "exec", dont_inherit=True)
            return True
        except SyntaxError:
            return False


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    res = Results()
    for name, source, valid in SHAPES:
        if args.k and args.k not in name:
            continue
        text = "import asyncio\n" + source  # a module anymig parses (it mentions asyncio)
        res.check(f"{name}: CPython says {'valid' if valid else 'invalid'}", compiles(text) == valid)
        path = os.path.join(work, name + ".py")
        write(path, text.encode())
        r = run([args.anymig, "migrate", "--no-cache", "--no-progress", path])
        refused = f"anymig: skipped {path}: syntax error at " in r.stderr
        res.check(f"{name}: anymig {'accepts' if valid else 'refuses'} it", refused != valid, r.stderr)
        # nothing to migrate but the import, which stays (no site uses it): the file is unchanged
        res.check(f"{name}: left byte-identical", read(path) == text.encode())
    if not args.k or "module" in args.k:
        path = os.path.join(work, "module.py")
        write(path, MODULE.encode())
        r = run([args.anymig, "migrate", "--no-cache", "--no-progress", path])
        out = read(path).decode()
        res.check("module with sites on such lines: migrated exactly", out == MIGRATED and r.returncode == 0,
                  f"exit {r.returncode}\n{r.stderr}\n{out!r}")
        res.check("module: the result compiles", compiles(out))
    lib = "/usr/lib/python3.11/test/test_compile.py"
    if (not args.k or "test_compile" in args.k) and os.path.exists(lib):
        path = os.path.join(work, "test_compile.py")
        text = b"import asyncio\n" + read(lib)
        write(path, text)
        res.check("test_compile.py: CPython compiles it", compiles(text.decode()))
        r = run([args.anymig, "check", "--no-cache", "--no-progress", path])
        res.check("test_compile.py: not refused", "skipped" not in r.stderr and r.returncode == 0,
                  f"exit {r.returncode}\n{r.stderr}")
    res.finish()


if __name__ == "__main__":
    main()
