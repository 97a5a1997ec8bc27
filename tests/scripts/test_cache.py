"""The result cache (.anymig_cache/) end to end: a second run is served from the cache with the
same output; each key component invalidates (file content, options, [tool.anymig]
configuration, a pytest configuration above the file, the tool build); damaged entries are
ignored; concurrent runs leave a valid cache; --no-cache reads and writes nothing."""
import os
import re
import shutil
import subprocess

from common import Results, fresh_dir, parse_args, run

A = '''import asyncio


async def main():
    await asyncio.sleep(1)
    lock = asyncio.Lock()
    return lock
'''
B = '''import asyncio


def go(coro):
    return asyncio.run(coro)
'''
CALLEE = '''import asyncio


async def later():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        {handler}
'''
CALLER = '''import asyncio

from b import later


async def run():
    await asyncio.wait_for(later(), 1)
'''
PLAIN = '''def nothing_here():
    return 1
'''
BROKEN = '''import asyncio

async def main(:
    await asyncio.sleep(1)
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def make_project(root):
    fresh_dir(root)
    write(os.path.join(root, "pyproject.toml"), '[project]\nname = "p"\n')
    write(os.path.join(root, "src", "a.py"), A)
    write(os.path.join(root, "src", "b.py"), B)
    write(os.path.join(root, "src", "plain.py"), PLAIN)
    write(os.path.join(root, "tests", "test_x.py"), BROKEN)


def check(anymig, root, *extra, env_extra=None):
    env = dict(os.environ, ANYMIG_CACHE_STATS="1")
    env.pop("ANYMIG_CACHE_DIR", None)
    if env_extra:
        env.update(env_extra)
    p = run([anymig, "check", "--format", "json", *extra, "src", "tests"], cwd=root, env=env)
    m = re.search(r"anymig: cache .*: (\d+) hits, (\d+) misses", p.stderr)
    stats = (int(m.group(1)), int(m.group(2))) if m else None
    return p, stats


def site(json_text, file, rule):
    """The JSON text of the one diagnostic of `rule` in `file` (check --format json)."""
    import json
    found = [d for d in json.loads(json_text)["sites"] if d["path"].endswith(file) and d["rule"] == rule]
    return json.dumps(found)


def cache_files(root):
    d = os.path.join(root, ".anymig_cache")
    return sorted(f for f in os.listdir(d) if f.endswith(".bin")) if os.path.isdir(d) else []


def main():
    args = parse_args()
    r = Results()
    root = os.path.join(args.work, "proj")
    make_project(root)

    first, s1 = check(args.anymig, root)
    second, s2 = check(args.anymig, root)
    r.check("cold run misses every file", s1 == (0, 4), f"{s1}\n{first.stderr}")
    r.check("warm run hits every file", s2 == (4, 0), f"{s2}\n{second.stderr}")
    r.check("warm output is byte-identical", first.stdout == second.stdout and first.returncode == second.returncode,
            first.stdout + "\n----\n" + second.stdout)
    r.check("cache directory ignored by git",
            open(os.path.join(root, ".anymig_cache", ".gitignore")).read().splitlines()[-1] == "*")
    r.check("one cache file per configuration", len(cache_files(root)) == 1, str(cache_files(root)))
    r.check("the syntax error is reported from the cache too",
            first.stderr.count("test_x.py") == 1 and second.stderr.count("test_x.py") == 1, second.stderr)

    # File content: only the edited file is analysed again.
    write(os.path.join(root, "src", "b.py"), B + "\n\nasync def later():\n    await asyncio.sleep(2)\n")
    p, s = check(args.anymig, root)
    r.check("an edited file misses, the others hit", s == (3, 1), str(s))
    r.check("the edit is seen", p.stdout.count("AM101") == second.stdout.count("AM101") + 1, p.stdout)

    # Options.
    _, s = check(args.anymig, root, "--select", "AM101")
    r.check("other --select misses", s == (0, 4), str(s))
    _, s = check(args.anymig, root, "--target-python", "3.11")
    r.check("other --target-python misses", s == (0, 4), str(s))
    _, s = check(args.anymig, root)
    r.check("back to the first options hits", s == (4, 0), str(s))

    # Configuration in pyproject.toml.
    write(os.path.join(root, "pyproject.toml"), '[project]\nname = "p"\n\n[tool.anymig]\ntarget-anyio = "4.5"\n')
    _, s = check(args.anymig, root)
    r.check("[tool.anymig] change misses", s == (0, 4), str(s))

    # A pytest configuration read by the pytest rule, above the test file only.
    _, s = check(args.anymig, root)
    write(os.path.join(root, "tests", "pytest.ini"), "[pytest]\nasyncio_mode = auto\n")
    _, s = check(args.anymig, root)
    r.check("a pytest.ini above a file invalidates that file only", s == (3, 1), str(s))

    # The tool build: a different binary starts afresh.
    other = os.path.join(args.work, "anymig-copy")
    shutil.copy2(args.anymig, other)
    os.utime(other, (1, 1))
    _, s = check(other, root)
    r.check("another build of the tool misses", s == (0, 4), str(s))

    # Corruption: damaged entries are ignored, the output stays right.
    shutil.rmtree(os.path.join(root, ".anymig_cache"))
    base, _ = check(args.anymig, root, "--no-cache")
    check(args.anymig, root)
    [name] = cache_files(root)
    path = os.path.join(root, ".anymig_cache", name)
    data = bytearray(open(path, "rb").read())
    for at in range(len(data) - 40, len(data), 7):  # inside the last entries' payloads
        data[at] ^= 0x5A
    open(path, "wb").write(bytes(data))
    p, s = check(args.anymig, root)
    r.check("damaged entries are not trusted", s is not None and s[1] >= 1 and s[0] + s[1] == 4, str(s))
    r.check("output after damage equals a run without cache", p.stdout == base.stdout, p.stdout + "\n---\n" + base.stdout)
    open(path, "wb").write(b"anymig-cache 2\n" + os.urandom(5000))
    p, s = check(args.anymig, root)
    r.check("a garbage cache file: every file analysed, same output", s == (0, 4) and p.stdout == base.stdout, str(s))
    open(path, "wb").write(open(path, "rb").read()[:30])
    p, s = check(args.anymig, root)
    r.check("a truncated cache file: same output", p.stdout == base.stdout, str(s))

    # Concurrency: several runs at once; every output right, the cache valid afterwards.
    shutil.rmtree(os.path.join(root, ".anymig_cache"))
    env = dict(os.environ, ANYMIG_CACHE_STATS="1")
    procs = [subprocess.Popen([args.anymig, "check", "--format", "json", "src", "tests"], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    outs = [p.communicate(timeout=120) for p in procs]
    r.check("concurrent runs all give the same output", all(o == base.stdout for o, _ in outs),
            "\n".join(e for _, e in outs))
    leftovers = [f for f in os.listdir(os.path.join(root, ".anymig_cache")) if not (f.endswith(".bin") or f == ".gitignore")]
    r.check("no temporary files left behind", not leftovers, str(leftovers))
    _, s = check(args.anymig, root)
    r.check("after concurrent runs the next run hits every file", s == (4, 0), str(s))

    # --no-cache: nothing read, nothing written.
    shutil.rmtree(os.path.join(root, ".anymig_cache"))
    p, s = check(args.anymig, root, "--no-cache")
    r.check("--no-cache writes no cache", not os.path.exists(os.path.join(root, ".anymig_cache")) and s is None,
            p.stderr)

    # migrate: a second migrate is served from the cache and changes nothing.
    mroot = os.path.join(args.work, "mig")
    make_project(mroot)
    env = dict(os.environ, ANYMIG_CACHE_STATS="1")
    m1 = run([args.anymig, "migrate", "src", "tests"], cwd=mroot, env=env)
    after1 = open(os.path.join(mroot, "src", "a.py")).read()
    m2 = run([args.anymig, "migrate", "src", "tests"], cwd=mroot, env=env)
    m3 = run([args.anymig, "migrate", "src", "tests"], cwd=mroot, env=env)
    r.check("migrate rewrites as without cache", "anyio.sleep(1)" in after1, m1.stderr)
    r.check("third migrate is all hits", "4 hits, 0 misses" in m3.stderr, m2.stderr + m3.stderr)
    r.check("migrate from the cache changes nothing", open(os.path.join(mroot, "src", "a.py")).read() == after1)

    # Across modules: c.py's timeout depends on the summary of b.py, which it imports; a change
    # to b.py invalidates c.py too (and nothing else), and c.py's result follows the change.
    xroot = os.path.join(args.work, "cross")
    make_project(xroot)
    write(os.path.join(xroot, "src", "b.py"), CALLEE.format(handler="raise"))
    write(os.path.join(xroot, "src", "c.py"), CALLER)
    p1, s1 = check(args.anymig, xroot)
    write(os.path.join(xroot, "src", "b.py"), CALLEE.format(handler="return None"))
    p2, s2 = check(args.anymig, xroot)
    r.check("an imported module's change invalidates its importer", s2 == (3, 2), f"{s1} {s2}")
    r.check("the importer's result follows the imported module",
            '"fixable"' in site(p1.stdout, "c.py", "AM202") and "another module of this run" in
            site(p2.stdout, "c.py", "AM202"), p1.stdout + "\n----\n" + p2.stdout)
    r.finish()


if __name__ == "__main__":
    main()
