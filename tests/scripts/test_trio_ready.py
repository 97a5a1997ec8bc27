"""Trio readiness: `check --trio-ready` lists each Python module that uses asyncio as asyncio-only
or partly migrated with the uses left, and fails while any is; `migrate`'s summary says how many
modules that used asyncio run on both backends after the run."""
import json
import os

from common import Results, fresh_dir, parse_args, run

READY = """import asyncio


async def main():
    await asyncio.sleep(0)


asyncio.run(main())
"""

KEPT = """import asyncio


async def worker():
    try:
        await asyncio.sleep(1)
    finally:
        print("stopped")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel()
"""

PLAIN = "import os\n"


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    results = Results()
    for name, text in (("ready.py", READY), ("kept.py", KEPT), ("plain.py", PLAIN)):
        with open(os.path.join(work, name), "w") as f:
            f.write(text)
    before = run([args.anymig, "check", "--trio-ready", "ready.py", "kept.py", "plain.py"], cwd=work)
    expected = ("kept.py: asyncio-only: asyncio.sleep (line 6), asyncio.create_task (line 12), asyncio.sleep (line 13), "
                "task.cancel (line 14)\n"
                "ready.py: asyncio-only: asyncio.sleep (line 5), asyncio.run (line 8)\n")
    results.check("before: both modules asyncio-only, exit 1", before.returncode == 1 and before.stdout == expected,
                  f"exit {before.returncode}\n{before.stdout}{before.stderr}")
    mig = run([args.anymig, "migrate", "--report", "r.json", "ready.py", "kept.py", "plain.py"], cwd=work)
    line = ("  trio readiness: 1 of 2 modules that used asyncio run on both backends now; 1 module uses asyncio "
            "(0 asyncio-only, 1 partly migrated: they import anyio too)\n"
            "    kept.py: partly migrated: asyncio.create_task (line 14), task.cancel (line 16)\n")
    results.check("migrate's summary: readiness and the uses left", line in mig.stderr, mig.stderr)
    with open(os.path.join(work, "r.json")) as f:
        report = json.load(f)
    want = {"label": "trio readiness", "modules": [
        {"path": "kept.py", "state": "partly migrated", "uses": ["asyncio.create_task (line 14)", "task.cancel (line 16)"]},
        {"path": "ready.py", "state": "both backends", "uses": []}]}
    results.check("the JSON report: every module's readiness", report.get("readiness") == want,
                  json.dumps(report.get("readiness")))
    md = run([args.anymig, "report", "r.json"], cwd=work)
    section = ("## Trio readiness\n1 of 2 modules that used asyncio no longer use it.\n\n"
               "| Module | State | asyncio uses left |\n|---|---|---|\n"
               "| `kept.py` | partly migrated | asyncio.create\\_task (line 14), task.cancel (line 16) |\n\n")
    results.check("the Markdown report: the modules not ready", section in md.stdout, md.stdout + md.stderr)
    after = run([args.anymig, "check", "--trio-ready", "ready.py", "kept.py", "plain.py"], cwd=work)
    results.check("after: the partly migrated module, exit 1",
                  after.returncode == 1 and after.stdout == "kept.py: partly migrated: asyncio.create_task (line 14), "
                                                             "task.cancel (line 16)\n",
                  f"exit {after.returncode}\n{after.stdout}{after.stderr}")
    only_ready = run([args.anymig, "check", "--trio-ready", "ready.py", "plain.py"], cwd=work)
    results.check("a migrated module alone: exit 0", only_ready.returncode == 0 and only_ready.stdout == "",
                  f"exit {only_ready.returncode}\n{only_ready.stdout}{only_ready.stderr}")
    results.finish()


if __name__ == "__main__":
    main()
