"""--shard K/N and the cross-module model: each shard builds the run summaries of every file of the
run (it migrates only its own), so its findings equal the unsharded run's where an import crosses
shards. On the cross-module behaviour programs (an importing main.py, the imported modules), each
split into two shards: every shard's `check` lines are exactly the unsharded run's lines for its
files, the refusals that only another shard's file causes included (named exactly), and a sharded
`migrate` writes the same files as an unsharded one."""
import os
import shutil

from common import Results, fresh_dir, parse_args, py_tree, run

# program -> a line the unsharded run prints for a file whose cause is in another file
CASES = {
    "cross_module_shield_refused": "store.py:11:11: AM206 [needs-review] asyncio.shield() kept: `store.save` is "
    "called from main.py (line 15), which still cancels through asyncio (asyncio.create_task kept at line 15 "
    "there), and anyio's shield does not stop an asyncio cancellation; migrate that site first",
    "cross_module_refused": None,
    "cross_module_event_refused": None,
}


def check_lines(args, cwd, *extra):
    p = run([args.anymig, "check", "--no-cache", "--no-progress", ".", *extra], cwd=cwd)
    return p, sorted(l for l in p.stdout.splitlines() if ": AM" in l)


def main():
    args = parse_args()
    r = Results()
    work = fresh_dir(args.work)
    for name, crossing in CASES.items():
        src = os.path.join(args.source, "test-inputs", "behavior", name)
        prog = os.path.join(work, name)
        shutil.copytree(src, prog)
        p, whole = check_lines(args, prog)
        r.check(f"{name}: unsharded check runs", p.returncode in (0, 1) and whole, p.stderr[-1000:])
        if crossing:
            r.check(f"{name}: unsharded check names the other module's site", crossing in whole,
                    "\n".join(whole))
        got, owners = [], {}
        for k in (1, 2):
            p, lines = check_lines(args, prog, "--shard", f"{k}/2")
            got += lines
            for l in lines:
                owners.setdefault(l.split(":")[0], set()).add(k)
        r.check(f"{name}: every file in one shard", all(len(v) == 1 for v in owners.values()), str(owners))
        r.check(f"{name}: the import crosses shards", len({min(v) for v in owners.values()}) == 2, str(owners))
        r.check(f"{name}: shards' check lines = unsharded lines", sorted(got) == whole,
                "\n".join(sorted(set(got) ^ set(whole))))
        # migrate: the shards together write what one unsharded run writes
        one, two = os.path.join(work, name + "-whole"), os.path.join(work, name + "-shards")
        shutil.copytree(src, one)
        shutil.copytree(src, two)
        run([args.anymig, "migrate", "--no-cache", "--no-progress", "."], cwd=one)
        for k in (1, 2):
            run([args.anymig, "migrate", "--no-cache", "--no-progress", ".", "--shard", f"{k}/2"], cwd=two)
        r.check(f"{name}: sharded migrate = unsharded migrate", py_tree(one) == py_tree(two),
                str(sorted(k for k in py_tree(one) if py_tree(one)[k] != py_tree(two).get(k))))
    return r.finish()


if __name__ == "__main__":
    raise SystemExit(main())
