"""`anymig server` under a real LSP client: Neovim's built-in client, headless
(tests/scripts/lsp/neovim_client.lua). Diagnostics appear with rule id, status and reason; the
code action of one site fixes that site only; "fix all safe sites in this file" fixes the
rest of the safe sites; the file parses after each step and the diagnostics update. The
project's [tool.anymig] table is read (AM103 is ignored there, so the lock is not fixable)."""
import json
import os
import shutil

from common import Results, fresh_dir, parse_args, run

PY = "/usr/bin/python3"

SOURCE = '''\
"""A small asyncio program."""
import asyncio


async def main():
    await asyncio.sleep(0.01)
    lock = asyncio.Lock()
    async with lock:
        await asyncio.sleep(0)


asyncio.run(main())
'''

PYPROJECT = '''\
[project]
name = "demo"
requires-python = ">=3.11"

[tool.anymig]
ignore = ["AM103"]
'''

AFTER_SITE = '''\
"""A small asyncio program."""
import asyncio

import anyio


async def main():
    await anyio.sleep(0.01)
    lock = asyncio.Lock()
    async with lock:
        await asyncio.sleep(0)


asyncio.run(main())
'''

AFTER_ALL = '''\
"""A small asyncio program."""
import asyncio

import anyio


async def main():
    await anyio.sleep(0.01)
    lock = asyncio.Lock()
    async with lock:
        await anyio.sleep(0)


anyio.run(main)
'''


def parses(path):
    return run([PY, "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", path]).returncode == 0


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    results = Results()
    nvim = shutil.which("nvim")
    if not nvim:
        results.check("neovim installed", False, "scripts/bootstrap.sh installs neovim")
        results.finish()
    project = os.path.join(work, "project")
    os.makedirs(os.path.join(project, ".git"))
    with open(os.path.join(project, "pyproject.toml"), "w") as f:
        f.write(PYPROJECT)
    path = os.path.join(project, "app.py")
    with open(path, "w") as f:
        f.write(SOURCE)
    out = os.path.join(work, "result.json")
    lua = os.path.abspath(os.path.join(args.source, "tests", "scripts", "lsp", "neovim_client.lua"))
    env = dict(os.environ, ANYMIG=os.path.abspath(args.anymig), LSP_FILE=path, LSP_OUT=out,
               XDG_CONFIG_HOME=work, XDG_DATA_HOME=work, XDG_STATE_HOME=work, XDG_CACHE_HOME=work)
    # A Lua error must end Neovim too (it would otherwise wait for input forever).
    script = (f"lua local ok, err = pcall(dofile, {json.dumps(lua)}); "
              "if not ok then io.stderr:write(tostring(err)); vim.cmd('cquit!') end")
    r = run([nvim, "--headless", "--clean", "-n", "-c", script], cwd=project, env=env, timeout=120)
    if not os.path.exists(out):
        results.check("the client script finished", False, r.stdout[-2000:] + r.stderr[-2000:])
        results.finish()
    with open(out) as f:
        res = json.load(f)
    results.check("the client script finished without error", not res.get("error"), str(res.get("error")))
    initial = res.get("initial", [])
    print("initial diagnostics:\n  " + "\n  ".join(initial))
    results.check("the site's action and the fix-all action are offered", res.get("site_actions") == [
        "anymig: fix AM101 asyncio-sleep (safe fix): asyncio.sleep() -> anyio.sleep()",
        "anymig: fix all safe sites in this file (3)"], "\n".join(res.get("site_actions", [])))
    results.check("diagnostics appear with rule id, status and reason", initial == [
        '12:1 AM102 [fixable, fix: safe] asyncio.run(main(...)) -> anyio.run(main): '
        'anyio.run takes the function, not a coroutine',
        '6:11 AM101 [fixable, fix: safe] asyncio.sleep() -> anyio.sleep()',
        '7:12 AM900 [not-yet-migrated] asyncio.Lock is not migrated by the asyncio-to-anyio pack',
        '9:15 AM101 [fixable, fix: safe] asyncio.sleep() -> anyio.sleep()',
    ], "\n".join(initial))
    steps = {s["name"]: s for s in res.get("steps", [])}
    print("actions at the first site:\n  " + "\n  ".join(res.get("site_actions", [])))
    site = steps.get("site", {})
    results.check("the site's action is labelled with its rule and fix safety",
                  site.get("title", "").startswith("anymig: fix AM101 asyncio-sleep (safe fix)"), site.get("title", ""))
    results.check("the code action fixes that site only (and adds the import where isort puts it)",
                  site.get("text") == AFTER_SITE, site.get("text", ""))
    results.check("the diagnostics update after the fix", site.get("diagnostics_changed") and
                  not any(d.startswith("6:11 ") for d in site.get("diagnostics", [])) and
                  any(" AM101 " in d for d in site.get("diagnostics", [])), "\n".join(site.get("diagnostics", [])))
    fix_all = steps.get("fix-all-safe", {})
    results.check("'fix all safe sites in this file' fixes the remaining safe sites",
                  fix_all.get("text") == AFTER_ALL, fix_all.get("text", ""))
    results.check("only the site the configuration keeps remains",
                  fix_all.get("diagnostics") == ['9:12 AM900 [not-yet-migrated] asyncio.Lock is not migrated by the '
                                                   'asyncio-to-anyio pack'],
                  "\n".join(fix_all.get("diagnostics", [])))
    with open(path) as f:
        written = f.read()
    results.check("the written file is the fixed text and parses", written == AFTER_ALL and parses(path), written)
    results.finish()


if __name__ == "__main__":
    main()
