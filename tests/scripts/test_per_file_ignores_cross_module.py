"""Per-file ignores and the cross-module model: a run whose files fall into per-file-ignores groups
runs each group with the run's rules plus the group's ignores, and each group computes the other
files' facts (what a file keeps of asyncio after its round) under THAT file's rules: a file whose
`AM202` is ignored keeps its `asyncio.wait_for`, a file whose `AM107` is ignored keeps its
awaiting cancellation handler as it is. On two cross-module behaviour programs, each with the ignore
that turns a migrated site of one file into a kept one, and the groups run in both orders (an
unrelated ignore in the other file puts its group first or last):
- `check` prints exactly the expected refusal, naming the other file's kept site, and `migrate`
  keeps that site;
- the migrated program prints on asyncio exactly what it printed before (the contract).
Without the fix (main before it) the group of the file without the ignore counted the other file's
site as migrated: cross_module_shield lost the shielded write of order 2 and cross_module_cleanup
the rollback.
"""
import os
import shutil

from common import Results, fresh_dir, parse_args, run

SHIELD_KEPT = ("orders.py:15:11: AM206 [needs-review] asyncio.shield() kept: `orders.place_order` is called from "
               "main.py (line 16), which still cancels through asyncio (asyncio.wait_for kept at line 16 there), and "
               "anyio's shield does not stop an asyncio cancellation; migrate that site first")
CLEANUP = ("it calls `service.handlers.handle` of another module of this run, and in service/store.py the cancellation "
           "handler at line 9 in `commit` awaits (line 10) while the task is being cancelled: asyncio delivers the "
           "cancellation once, anyio's timeout cancels that await again, so the cleanup would be lost; put it under "
           "`with anyio.CancelScope(shield=True):` first")
# (name, program, {glob: [rules]} in both group orders, the lines `migrate` must print among its AM lines)
CASES = [
    ("shield/main-ignores-first", "cross_module_shield", {"main.py": ["AM202"]}, [SHIELD_KEPT]),
    ("shield/orders-group-last", "cross_module_shield", {"main.py": ["AM202"], "orders.py": ["AM216"]}, [SHIELD_KEPT]),
    ("cleanup/store-group-last", "cross_module_cleanup", {"service/store.py": ["AM107"]},
     ["main.py:16:15: AM202 [needs-review] asyncio.wait_for() kept: " + CLEANUP,
      "main.py:20:26: AM202 [needs-review] asyncio.wait_for() kept: " + CLEANUP]),
    ("cleanup/store-group-first", "cross_module_cleanup",
     {"service/store.py": ["AM107"], "main.py": ["AM216"], "service/handlers.py": ["AM216"],
      "service/__init__.py": ["AM216"]},
     ["main.py:16:15: AM202 [needs-review] asyncio.wait_for() kept: " + CLEANUP,
      "main.py:20:26: AM202 [needs-review] asyncio.wait_for() kept: " + CLEANUP]),
]

COMMON = ["--no-cache", "--no-progress"]


def output(prog):
    p = run(["/usr/bin/python3", "main.py"], cwd=prog, timeout=60)
    return p.stdout + p.stderr[-2000:]


def main():
    args = parse_args()
    r = Results()
    work = fresh_dir(args.work)
    for name, program, ignores, expected in CASES:
        if args.k not in name:
            continue
        src = os.path.join(args.source, "test-inputs", "behavior", program)
        before = output(src)
        prog = os.path.join(work, name.replace("/", "-"))
        shutil.copytree(src, prog)
        with open(os.path.join(prog, "pyproject.toml"), "w") as f:
            f.write("[tool.anymig.per-file-ignores]\n")
            for glob, rules in ignores.items():
                f.write(f'"{glob}" = [{", ".join(repr(x).replace(chr(39), chr(34)) for x in rules)}]\n')
        p = run([args.anymig, "check", *COMMON, "."], cwd=prog)
        lines = [l for l in p.stdout.splitlines() if ": AM" in l]
        for want in expected:
            r.check(f"{name}: check prints {want[:40]}...", want in lines, "\n".join(lines))
        p = run([args.anymig, "migrate", *COMMON, "."], cwd=prog)
        lines = [l for l in p.stdout.splitlines() if ": AM" in l]
        r.check(f"{name}: migrate runs", p.returncode == 0, p.stderr[-1000:])
        # migrate prints the sites left in the files as written (line numbers of the migrated files;
        # a group run after another one sees that one's file as written)
        for want in expected:
            path, rest = want.split(":", 1)
            rule = rest.split(": ", 1)[1].split(" (line")[0].split(" at line")[0]
            r.check(f"{name}: migrate keeps {path}'s site", any(l.startswith(path + ":") and rule in l for l in lines),
                    rule + "\n" + "\n".join(lines))
        after = output(prog)
        r.check(f"{name}: the program prints on asyncio what it printed before", after == before,
                f"before:\n{before}\nafter:\n{after}")
    return r.finish()


if __name__ == "__main__":
    raise SystemExit(main())
