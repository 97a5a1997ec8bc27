"""Batches end to end: `anymig plan` (deterministic, grouped by package or directory, size and
edit limits), `migrate --plan P --batch K` (only that batch's files change; re-running a finished
batch changes nothing), the state file beside the plan, and `status` (exact numbers)."""
import json
import os
import shutil

from common import Results, fresh_dir, parse_args, run

SLEEP = "import asyncio\n\n\nasync def {name}():\n    await asyncio.sleep({n})\n"
FILES = {
    "app/__init__.py": "",
    "app/cli/__init__.py": "",
    "app/cli/main.py": SLEEP.format(name="main", n=1) + "\nasyncio.run(main())\n",
    "app/cli/tools.py": SLEEP.format(name="tool", n=0),
    "app/auth/__init__.py": "",
    "app/auth/audit.py": "import asyncio\n\n\nasync def h():\n    await asyncio.sleep(2)\n    await asyncio.sleep(3)\n",
    "app/auth/service.py": "import asyncio\n\n\nasync def g():\n    await asyncio.sleep(1, loop=None)\n"
                           "    await asyncio.sleep(5)\n",
    "scripts/run.py": SLEEP.format(name="main", n=1),
    "scripts/clean.py": "print('no async here')\n",
    "scripts/quiet.py": "import asyncio\n\n\nasync def q():\n    await asyncio.sleep(1)  # anymig: ignore\n",
    "lib/util.py": SLEEP.format(name="u", n=7),
    "lib/broken.py": "import asyncio\n\ndef f(:\n    asyncio.sleep(1)\n",
}
SELECT = ["--select", "AM101,AM102"]


def make_project(root):
    fresh_dir(root)
    for rel, text in FILES.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    return root


def snapshot(root):
    """Every project file (not the result cache, which is the tool's own)."""
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x != ".anymig_cache"]
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


def shape(plan):
    return [(b["id"], b["groups"], [f["path"] for f in b["files"]], b["predicted_edits"], len(b["review"]))
            for b in plan["batches"]]


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    A = args.anymig
    results = Results()
    env = dict(os.environ)
    env.pop("CI", None)
    env["SOURCE_DATE_EPOCH"] = "1700000000"  # 2023-11-14T22:13:20Z in the state's history

    proj = make_project(os.path.join(work, "proj"))
    r = run([A, "plan", ".", *SELECT, "--batch-size", "2", "-o", "plan.json"], cwd=proj, env=env)
    results.check("plan exits 0", r.returncode == 0, r.stderr)
    with open(os.path.join(proj, "plan.json"), "rb") as f:
        plan_bytes = f.read()
    plan = json.loads(plan_bytes)
    want = [
        (1, ["app/auth"], ["app/auth/audit.py", "app/auth/service.py"], {"AM101": 3}, 1),
        (2, ["app/cli"], ["app/cli/main.py", "app/cli/tools.py"], {"AM101": 2, "AM102": 1}, 0),
        (3, ["lib", "scripts"], ["lib/util.py", "scripts/run.py"], {"AM101": 2}, 0),
    ]
    results.check("batches grouped by package, sized, ordered", shape(plan) == want, json.dumps(shape(plan)))
    results.check("plan summary", plan["summary"] == {
        "files_scanned": 12, "files_planned": 6, "files_skipped": 1, "batches": 3, "predicted_edits": 8,
        "review_sites": 1, "legacy_sites": 9}, json.dumps(plan["summary"]))
    results.check("the file with a syntax error is listed as skipped",
                  [s["path"] for s in plan["skipped"]] == ["lib/broken.py"], json.dumps(plan["skipped"]))
    rev = plan["batches"][0]["review"]
    results.check("review sites name path, line, rule and status",
                  [(x["path"], x["line"], x["rule"], x["status"]) for x in rev] ==
                  [("app/auth/service.py", 5, "AM101", "needs-review")], json.dumps(rev))

    # Determinism: same input -> byte-identical plan, also when run from another directory.
    r = run([A, "plan", ".", *SELECT, "--batch-size", "2", "-o", "plan.json"], cwd=proj, env=env)
    with open(os.path.join(proj, "plan.json"), "rb") as f:
        again = f.read()
    results.check("same input, byte-identical plan", again == plan_bytes)
    r = run([A, "plan", "proj", *SELECT, "--batch-size", "2", "-o", "proj/plan.json", "-j", "1"], cwd=work, env=env)
    with open(os.path.join(proj, "plan.json"), "rb") as f:
        again = f.read()
    results.check("byte-identical from another working directory and thread count", again == plan_bytes,
                  again.decode()[:400])

    # Grouping and limits.
    r = run([A, "plan", ".", *SELECT, "--batch-size", "4", "-o", "by-package.json"], cwd=proj, env=env)
    with open(os.path.join(proj, "by-package.json")) as f:
        by_package = json.load(f)
    results.check("--group-by package keeps a whole package together",
                  [(b["groups"], len(b["files"])) for b in by_package["batches"]] == [(["app"], 4), (["lib", "scripts"], 2)],
                  json.dumps(shape(by_package)))
    r = run([A, "plan", ".", *SELECT, "--batch-size", "4", "--group-by", "dir", "-o", "by-dir.json"], cwd=proj, env=env)
    with open(os.path.join(proj, "by-dir.json")) as f:
        by_dir = json.load(f)
    results.check("--group-by dir", [(b["groups"], len(b["files"])) for b in by_dir["batches"]] ==
                  [(["app/auth", "app/cli"], 4), (["lib", "scripts"], 2)], json.dumps(shape(by_dir)))
    r = run([A, "plan", ".", *SELECT, "-o", os.path.join(work, "outside.json")], cwd=proj, env=env)
    with open(os.path.join(work, "outside.json")) as f:
        outside = json.load(f)
    results.check("plan paths are relative to the plan file",
                  outside["batches"][0]["files"][0]["path"] == "proj/app/auth/audit.py" and outside["inputs"] == ["proj"],
                  json.dumps(shape(outside)))
    r = run([A, "plan", ".", *SELECT, "--batch-size", "10", "--max-edits", "3", "-o", "edits.json"], cwd=proj, env=env)
    with open(os.path.join(proj, "edits.json")) as f:
        by_edits = json.load(f)
    results.check("--max-edits caps predicted edits per batch",
                  [b["predicted_edits_total"] for b in by_edits["batches"]] == [3, 3, 2]
                  and all(b["predicted_edits_total"] <= 3 for b in by_edits["batches"]), json.dumps(shape(by_edits)))
    r = run([A, "plan", ".", *SELECT, "--batch-size", "20", "-o", "one.json"], cwd=proj, env=env)
    with open(os.path.join(proj, "one.json")) as f:
        one = json.load(f)
    results.check("a large batch size packs every group into one batch",
                  [b["groups"] for b in one["batches"]] == [["app", "lib", "scripts"]], json.dumps(shape(one)))
    write_cfg = os.path.join(proj, "pyproject.toml")
    with open(write_cfg, "w") as f:
        f.write('[tool.anymig]\nbatch-size = 1\ngroup-by = "dir"\n')
    r = run([A, "plan", ".", *SELECT, "-o", "cfg.json"], cwd=proj, env=env)
    with open(os.path.join(proj, "cfg.json")) as f:
        cfg_plan = json.load(f)
    results.check("batch-size and group-by from [tool.anymig]",
                  len(cfg_plan["batches"]) == 6 and cfg_plan["options"]["group_by"] == "dir", json.dumps(cfg_plan["options"]))
    os.remove(write_cfg)

    # --- migrate batch by batch ----------------------------------------------------------------
    state_path = os.path.join(proj, "plan.state.json")
    with open(state_path) as f:
        state = json.load(f)
    results.check("plan writes a fresh state beside it",
                  [b["status"] for b in state["batches"]] == ["pending"] * 3 and
                  state["history"] == [{"date": "2023-11-14T22:13:20Z", "event": "plan", "legacy_remaining": 9}],
                  json.dumps(state))
    before = snapshot(proj)
    r = run([A, "migrate", "--plan", "plan.json", "--batch", "1"], cwd=proj, env=env)
    after1 = snapshot(proj)
    changed = sorted(k for k in after1 if before.get(k) != after1[k])
    results.check("batch 1 changes only its files (and the state)", r.returncode == 0 and changed ==
                  ["app/auth/audit.py", "app/auth/service.py", "plan.state.json"], f"{changed}\n{r.stderr}")
    results.check("batch 1 message", "batch 1/3 done: 2 files migrated; legacy sites remaining in the plan: 6" in r.stderr,
                  r.stderr)
    r = run([A, "migrate", "--plan", "plan.json", "--batch", "1"], cwd=proj, env=env)
    results.check("re-running a finished batch changes nothing", snapshot(proj) == after1 and r.returncode == 0
                  and "batch 1/3 was already migrated (2023-11-14T22:13:20Z); nothing changed" in r.stderr, r.stderr)
    r = run([A, "migrate", "--plan", "plan.json", "--batch", "3", "--report", os.path.join(work, "batch3.json")],
            cwd=proj, env=env)
    results.check("batch 3 after batch 1 notes the pending batch 2", r.returncode == 0 and
                  "note: earlier batch 2 is pending" in r.stderr, r.stderr)
    with open(os.path.join(work, "batch3.json")) as f:
        rep = json.load(f)
    results.check("the batch's report carries the batch id", str(rep.get("batch")) == "3", str(rep.get("batch")))

    r = run([A, "status", "--plan", "plan.json", "--format", "json"], cwd=proj, env=env)
    st = json.loads(r.stdout)
    got = [(b["id"], b["status"], b["files"], b["files_migrated"], b["predicted_edits"], b["edits_applied"],
            b["review_sites"], b["legacy_remaining"]) for b in st["batches"]]
    want = [(1, "done", 2, 2, 3, 3, 1, 1), (2, "pending", 2, 0, 3, 0, 0, 3), (3, "done", 2, 2, 2, 2, 0, 0)]
    results.check("status per batch", got == want, json.dumps(st["batches"]))
    results.check("status totals", st["totals"] == {"batches": 3, "batches_done": 2, "batches_pending": 1, "files": 6,
                                                    "files_migrated": 4, "legacy_remaining": 4, "legacy_at_plan": 9},
                  json.dumps(st["totals"]))
    r = run([A, "status", "--plan", "plan.json"], cwd=proj, env=env)
    want_text = (
        "plan plan.json: 3 batches, 6 files, grouped by package (batch size 2)\n"
        "batch  status      files  migrated  predicted  applied  review  remaining  groups\n"
        "    1  done            2         2          3        3       1          1  app/auth\n"
        "    2  pending         2         0          3        0       0          3  app/cli\n"
        "    3  done            2         2          2        2       0          0  lib, scripts\n"
        "done 2/3 batches, 4/6 files migrated; legacy sites remaining: 4 (at plan time: 9)\n"
        "legacy sites remaining over time:\n"
        "  2023-11-14T22:13:20Z  plan           9\n"
        "  2023-11-14T22:13:20Z  batch 1        6\n"
        "  2023-11-14T22:13:20Z  batch 3        4\n")
    results.check("status text", r.stdout == want_text and r.returncode == 0, f"got:\n{r.stdout}\nwant:\n{want_text}")

    r = run([A, "migrate", "--plan", "plan.json", "--batch", "2"], cwd=proj, env=env)
    r = run([A, "status", "--plan", "plan.json", "--format", "json"], cwd=proj, env=env)
    st = json.loads(r.stdout)
    results.check("every batch done", st["totals"]["batches_done"] == 3 and st["totals"]["files_migrated"] == 6
                  and st["totals"]["legacy_remaining"] == 1
                  and [h["legacy_remaining"] for h in st["history"]] == [9, 6, 4, 1], json.dumps(st["totals"]))
    r = run([A, "check", ".", *SELECT], cwd=proj, env=env)
    want_check = ("app/auth/service.py:7:11: AM101 [needs-review] asyncio.sleep(..., loop=...): anyio.sleep() takes no "
                  "event loop (asyncio.sleep() took one until Python 3.10): drop the argument\n"
                  "lib/broken.py:4:5: AM101 [kept-by-policy] asyncio.sleep() -> anyio.sleep() (not migrated: the file has "
                  "a syntax error)\n")
    results.check("afterwards check shows the review site and the skipped file's site",
                  r.returncode == 1 and r.stdout == want_check, r.stdout)

    # --- errors --------------------------------------------------------------------------------
    r = run([A, "migrate", "--plan", "plan.json", "--batch", "9"], cwd=proj, env=env)
    results.check("a batch that does not exist is exit 2", r.returncode == 2 and "batch 9 does not exist" in r.stderr,
                  r.stderr)
    r = run([A, "migrate", "--plan", "plan.json"], cwd=proj, env=env)
    results.check("--plan without --batch is exit 2", r.returncode == 2, r.stderr)
    with open(os.path.join(proj, "plan.json"), "a") as f:
        f.write(" ")
    r = run([A, "status", "--plan", "plan.json"], cwd=proj, env=env)
    results.check("a state file from another plan version is refused",
                  r.returncode == 2 and "belongs to a different version" in r.stderr, r.stderr)

    results.finish()


if __name__ == "__main__":
    main()
