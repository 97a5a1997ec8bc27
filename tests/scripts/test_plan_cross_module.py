"""`migrate --plan P --batch K` and the cross-module model: each batch builds the run summaries of
every file under the plan's inputs and migrates only its own files, taking the others as they are
on disk when it runs (an earlier batch's migrated, a later one's not yet: a batch may be the last
one ever run). On the cross-module behaviour programs (an importing main.py, the imported modules),
planned one file per batch and run in both orders:
- after every batch the program prints on asyncio exactly what it printed before (the contract:
  no combination written to disk changes behaviour);
- where the unbatched run refuses a site because of another file, every batch prints exactly the
  lines an unbatched migrate of the tree as it stands before the batch prints for the batch's
  files (the first batch: the untouched tree), the refusal naming the other file's site included;
- where the unbatched run migrates both sides (cross_module_shield: a timeout migrated in main.py
  around a shield migrated in orders.py), the batch of orders.py run first keeps its shield,
  naming main.py's asyncio.wait_for still on disk, and migrates it once main.py's batch has run;
- the batches, run again once all have run, write exactly the files an unbatched migrate writes,
  byte-identical.
"""
import json
import os
import shutil

from common import Results, fresh_dir, parse_args, py_tree, run

# program -> the line an unbatched migrate of the untouched tree prints for a file whose cause is in
# another file (a batch run before that file's prints it exactly; one run after names the lines of
# the other file as migrated by then: asserted against an unbatched run of that tree)
CASES = {
    "cross_module_shield_refused": "store.py:13:11: AM206 [needs-review] asyncio.shield() kept: `store.save` is "
    "called from main.py (line 15), which still cancels through asyncio (asyncio.create_task kept at line 15 "
    "there), and anyio's shield does not stop an asyncio cancellation; migrate that site first",
    "cross_module_refused": None,
    "cross_module_event_refused": None,
    "cross_module_wrapper_shield_refused": None,
    "cross_module_shield": None,
}
# program -> (file, the line its batch prints when it runs before the other file's batch)
FIRST = {
    "cross_module_shield": ("orders.py", "orders.py:17:11: AM206 [needs-review] asyncio.shield() kept: "
                            "`orders.place_order` is called from main.py (line 16), which still cancels through "
                            "asyncio (asyncio.wait_for kept at line 16 there), and anyio's shield does not stop an "
                            "asyncio cancellation; migrate that site first"),
}

COMMON = ["--no-cache", "--no-progress"]


def site_lines(out):
    return sorted(l for l in out.splitlines() if ": AM" in l)


def output(prog):
    p = run(["/usr/bin/python3", "main.py"], cwd=prog, timeout=60)
    return p.stdout + p.stderr[-2000:]


def main():
    args = parse_args()
    r = Results()
    work = fresh_dir(args.work)
    for name, crossing in CASES.items():
        if args.k not in name:
            continue
        src = os.path.join(args.source, "test-inputs", "behavior", name)
        before = output(src)
        one = os.path.join(work, name + "-whole")
        shutil.copytree(src, one)
        p = run([args.anymig, "migrate", *COMMON, "."], cwd=one)
        whole = site_lines(p.stdout)
        r.check(f"{name}: unbatched migrate runs", p.returncode == 0, p.stderr[-1000:])
        if crossing:
            r.check(f"{name}: unbatched migrate names the other module's site", crossing in whole, "\n".join(whole))
        for order in ("forward", "reverse"):
            prog = os.path.join(work, f"{name}-{order}")
            shutil.copytree(src, prog)
            p = run([args.anymig, "plan", *COMMON, ".", "-o", "plan.json", "--batch-size", "1"], cwd=prog)
            r.check(f"{name}/{order}: plan written", p.returncode == 0, p.stderr[-1000:])
            with open(os.path.join(prog, "plan.json")) as f:
                batches = [[e["path"] for e in b["files"]] for b in json.load(f)["batches"]]
            r.check(f"{name}/{order}: the import crosses batches", len(batches) >= 2 and
                    all(len(b) == 1 for b in batches), str(batches))
            ids = list(range(1, len(batches) + 1))
            got = []
            for n, k in enumerate(ids if order == "forward" else ids[::-1]):
                mine = set(batches[k - 1])
                # what one unbatched run does on the tree as it stands now (the untouched tree first)
                now = os.path.join(work, f"{name}-{order}-before-{k}")
                shutil.copytree(prog, now)
                q = run([args.anymig, "migrate", *COMMON, "."], cwd=now)
                expected = [l for l in site_lines(q.stdout) if l.split(":")[0] in mine]
                if n == 0 and name not in FIRST:
                    r.check(f"{name}/{order}: untouched tree, batch {k}: the unbatched lines",
                            expected == [l for l in whole if l.split(":")[0] in mine], "\n".join(expected))
                if name in FIRST:
                    first, line = FIRST[name]
                    expected = [line] if n == 0 and mine == {first} else []
                p = run([args.anymig, "migrate", *COMMON, "--plan", "plan.json", "--batch", str(k)], cwd=prog)
                lines = site_lines(p.stdout)
                got += lines
                r.check(f"{name}/{order}: batch {k}'s lines = unbatched lines for {sorted(mine)}",
                        p.returncode == 0 and lines == expected,
                        "got:\n" + "\n".join(lines) + "\nexpected:\n" + "\n".join(expected) + "\n" + p.stderr[-600:])
                after = output(prog)
                r.check(f"{name}/{order}: after batch {k} the program prints what it printed before",
                        after == before, f"before:\n{before}\nafter:\n{after}")
            for k in ids:  # what a batch left because of a later one is migrated once that has run
                run([args.anymig, "migrate", *COMMON, "--plan", "plan.json", "--batch", str(k)], cwd=prog)
            if crossing:
                r.check(f"{name}/{order}: the other batch's site is named", crossing in got or order == "forward" and
                        any(l.startswith(crossing.split("(line")[0]) for l in got), "\n".join(got))
            r.check(f"{name}/{order}: batched migrate = unbatched migrate, byte-identical", py_tree(one) == py_tree(prog),
                    str(sorted(k for k in set(py_tree(one)) | set(py_tree(prog)) if py_tree(one).get(k) != py_tree(prog).get(k))))
    return r.finish()


if __name__ == "__main__":
    raise SystemExit(main())
