"""JSON reports: real reports written by the built `anymig` validate against
reports/anymig-report.schema.json (Debian's python3-jsonschema, draft 2020-12), and a small
known project gives exact numbers. Also checks `anymig report` (Markdown) on them."""
import copy
import json
import os
import shutil
import sys

import jsonschema

from common import Results, fresh_dir, parse_args, run

PY = "/usr/bin/python3"

MAIN_PY = '''import asyncio


async def main():
    lock = asyncio.Lock()
    await asyncio.sleep(1)
    asyncio.get_event_loop()


if __name__ == "__main__":
    asyncio.run(main())
'''

MAIN_DIFF = '''--- a/app/main.py
+++ b/app/main.py
@@ -1,11 +1,13 @@
 import asyncio
 
+import anyio
 
+
 async def main():
-    lock = asyncio.Lock()
-    await asyncio.sleep(1)
+    lock = anyio.Lock()
+    await anyio.sleep(1)
     asyncio.get_event_loop()
 
 
 if __name__ == "__main__":
-    asyncio.run(main())
+    anyio.run(main)
'''

PROJECT = {
    "pytest.ini": "[pytest]\nasyncio_mode = auto\n",
    "app/main.py": MAIN_PY,
    "app/util.py": '"""No asyncio here except this docstring."""\nx = 1\n',
    "app/plain.py": "x = 1\n",
    "app/broken.py": "import asyncio\ndef f(:\n    asyncio.sleep(1)\n",
    "app/quiet.py": "import asyncio\n\n\nasync def f():\n    await asyncio.sleep(2)  # anymig: ignore[AM101]\n",
    "tests/test_main.py": "import pytest\n\n\n@pytest.mark.asyncio\nasync def test_x():\n    pass\n",
}
# Only the rules whose behaviour this test relies on, so new rules do not change its numbers.
SELECT = ["--select", "AM001,AM101,AM102,AM103,AM900"]
DATE_RE = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"


def make_project(root):
    fresh_dir(root)
    os.makedirs(os.path.join(root, ".git"))  # the repository root: config lookup stops here
    for rel, text in PROJECT.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def load(path):
    with open(path) as f:
        return json.load(f)


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    with open(os.path.join(args.source, "reports", "anymig-report.schema.json")) as f:
        schema = json.load(f)
    results = Results()
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        results.check("schema is a valid draft 2020-12 schema", True)
    except jsonschema.SchemaError as e:
        results.check("schema is a valid draft 2020-12 schema", False, str(e))
    validator = jsonschema.Draft202012Validator(schema)

    def valid(name, report):
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
        results.check(f"{name}: validates against the schema", not errors,
                      "\n".join(f"  {list(e.absolute_path)}: {e.message[:300]}" for e in errors[:10]))

    # --- check on the untouched project: fixable sites, nothing written --------------------
    proj = os.path.join(work, "project")
    make_project(proj)
    check_json = os.path.join(work, "check.json")
    r = run([args.anymig, "check", "."] + SELECT + ["--report", check_json], cwd=proj)
    results.check("check exits 1 while legacy sites remain", r.returncode == 1, r.stdout + r.stderr)
    c = load(check_json)
    valid("check report", c)
    results.check("check report: command and wrote_files", (c["command"], c["wrote_files"]) == ("check", False))
    reasons = {g["reason"]: g["count"] for g in c["not_migrated"]}
    results.check("check report: not migrated by reason",
                  reasons == {"no-equivalent": 1, "needs-review": 0, "not-yet-migrated": 0, "fixable": 3,
                              "kept-by-policy": 0, "outside-batch": 0, "syntax-error": 1}, str(reasons))
    results.check("check report: nothing modified", (c["scale"]["files_modified"], c["scale"]["edits"],
                                                     c["scale"]["lines_added"]) == (0, 3, 0), str(c["scale"]))
    with open(os.path.join(proj, "app", "main.py")) as f:
        results.check("check wrote nothing", f.read() == MAIN_PY)

    # --- migrate with --verify-compile ---------------------------------------------------------
    rep = os.path.join(work, "migrate.json")
    r = run([args.anymig, "migrate", "."] + SELECT + ["--report", rep, "--verify-compile=" + PY], cwd=proj)
    results.check("migrate exits 0", r.returncode == 0, r.stdout + r.stderr)
    m = load(rep)
    valid("migrate report", m)
    results.check("schema_version is 1", m["schema_version"] == 1)
    results.check("tool and pack", m["tool"]["name"] == "anymig" and m["pack"]["name"] == "asyncio-to-anyio"
                  and m["tool"]["version"] != "", json.dumps([m["tool"], m["pack"]]))
    results.check("batch is null outside a plan", m["batch"] is None)
    sc = m["scale"]
    got = {k: sc[k] for k in ("files_scanned", "files_analysed", "files_without_legacy_text", "files_modified",
                              "files_unchanged", "files_skipped", "lines_added", "lines_removed", "edits",
                              "legacy_sites_remaining", "legacy_sites_outside_batch", "suppressed_sites")}
    # pytest.ini is scanned too (the pack reads pytest configuration files).
    want = {"files_scanned": 7, "files_analysed": 6, "files_without_legacy_text": 1, "files_modified": 1,
            "files_unchanged": 4, "files_skipped": 1, "lines_added": 5, "lines_removed": 3, "edits": 3,
            "legacy_sites_remaining": 2, "legacy_sites_outside_batch": 0, "suppressed_sites": 1}
    results.check("scale numbers", got == want, f"got  {got}\nwant {want}")
    results.check("skipped with reason", sc["skipped"] == [
        {"path": "app/broken.py", "state": "skipped-syntax-error", "reason": "syntax error at line 2, column 7: missing )"}],
        json.dumps(sc["skipped"]))
    results.check("edits by rule", [(e["rule_id"], e["count"]) for e in sc["edits_by_rule"]] ==
                  [("AM101", 1), ("AM102", 1), ("AM103", 1)], json.dumps(sc["edits_by_rule"]))
    results.check("edits by category", sorted((e["category"], e["count"]) for e in sc["edits_by_category"]) ==
                  [("run", 1), ("sleep", 1), ("sync-primitive", 1)], json.dumps(sc["edits_by_category"]))
    results.check("target imports before/after", sc["target_imports"] == {"before": 0, "after": 1})
    results.check("legacy mentions", sc["legacy_mentions"] == {
        "before": {"code": 6, "comments": 0, "docstrings": 1}, "after": {"code": 3, "comments": 0, "docstrings": 1}},
        json.dumps(sc["legacy_mentions"]))
    results.check("groups by parent directory", [(g["name"], [f["path"] for f in g["files"]]) for g in m["groups"]] == [
        (".", ["pytest.ini"]), ("app", ["app/broken.py", "app/main.py", "app/quiet.py", "app/util.py"]), ("tests", ["tests/test_main.py"])],
        json.dumps([(g["name"], [f["path"] for f in g["files"]]) for g in m["groups"]]))
    main_entry = [f for g in m["groups"] for f in g["files"] if f["path"] == "app/main.py"][0]
    results.check("main.py diff is the unified diff", main_entry["diff"] == MAIN_DIFF, main_entry["diff"])
    ex = {e["category"]: (e["before"], e["after"]) for e in m["examples"]}
    results.check("one example per category", sorted(ex) == ["import", "run", "sleep", "sync-primitive"], str(sorted(ex)))
    results.check("sleep example from this run", ex.get("sleep") == ("    await asyncio.sleep(1)", "    await anyio.sleep(1)"),
                  str(ex.get("sleep")))
    results.check("run example from this run", ex.get("run") == ("    asyncio.run(main())", "    anyio.run(main)"),
                  str(ex.get("run")))
    results.check("import example from this run", ex.get("import") == ("", "import anyio\n"), str(ex.get("import")))
    nm = {g["reason"]: g for g in m["not_migrated"]}
    ne = nm["no-equivalent"]["patterns"]
    results.check("no-equivalent site with the rule's reason",
                  nm["no-equivalent"]["count"] == 1 and ne[0]["rule_id"] == "AM900" and
                  ne[0]["sites"][0]["path"] == "app/main.py" and ne[0]["sites"][0]["line"] == 9 and
                  ne[0]["sites"][0]["before"] == "asyncio.get_event_loop" and "no event loop object" in ne[0]["message"],
                  json.dumps(nm["no-equivalent"]))
    se = nm["syntax-error"]
    results.check("site inside a file with a syntax error", se["count"] == 1 and
                  se["patterns"][0]["sites"][0]["path"] == "app/broken.py", json.dumps(se))
    results.check("suppressed site listed as suppressed", [(s["path"], s["line"], s["status"]) for s in m["suppressed"]] ==
                  [("app/quiet.py", 5, "suppressed")], json.dumps(m["suppressed"]))
    ti = m["testing_impact"]
    results.check("pytest.ini found with asyncio_mode", [(c["path"], c["settings"]) for c in ti["config_files"]] ==
                  [("pytest.ini", {"asyncio_mode": "auto"})], json.dumps(ti["config_files"]))
    results.check("asyncio_mode=auto needs anyio marks", any("does nothing for anyio" in n for n in ti["config_files"][0]["needs"]))
    results.check("test file found", [(t["path"], t["pytest_mark_asyncio"], t["in_run"]) for t in ti["test_files"]] ==
                  [("tests/test_main.py", 1, True)], json.dumps(ti["test_files"]))
    results.check("no anyio_backend fixture reported", ti["defines_anyio_backend"] is False and len(ti["needs"]) == 3,
                  json.dumps(ti["needs"]))
    ve = m["verification"]
    results.check("verification: re-parsed, no syntax error introduced",
                  (ve["files_reparsed"], ve["syntax_errors_introduced"], ve["rewrites_refused"]) == (1, 0, []), json.dumps(ve))
    results.check("verify-compile ran the project's Python", ve["compile"] is not None and
                  (ve["compile"]["python"], ve["compile"]["files"], ve["compile"]["ok"], ve["compile"]["failed"]) ==
                  (PY, 1, 1, 0) and ve["compile"]["results"] == [{"path": "app/main.py", "ok": True, "output": ""}],
                  json.dumps(ve["compile"]))
    results.check("verify-compile left no __pycache__", not os.path.exists(os.path.join(proj, "app", "__pycache__")))
    rw = m["remaining_work"]
    results.check("remaining work", (rw["legacy_sites"], rw["files_with_legacy_sites"]) ==
                  (2, [{"path": "app/broken.py", "count": 1}, {"path": "app/main.py", "count": 1}]), json.dumps(rw))

    # A second run changes nothing, and its report says so.
    rep2 = os.path.join(work, "migrate2.json")
    r = run([args.anymig, "migrate", "."] + SELECT + ["--report", rep2], cwd=proj)
    m2 = load(rep2)
    valid("second migrate report", m2)
    results.check("second run: no edit, no change", (m2["scale"]["edits"], m2["scale"]["files_modified"],
                                                     m2["verification"]["compile"]) == (0, 0, None))

    # --- a file given explicitly, and the schema rejects what it should -------------------------
    broken = copy.deepcopy(m)
    del broken["scale"]["files_scanned"]
    results.check("schema rejects a report without scale.files_scanned", not validator.is_valid(broken))
    broken = copy.deepcopy(m)
    broken["not_migrated"][0]["reason"] = "because"
    results.check("schema rejects an unknown reason", not validator.is_valid(broken))
    broken = copy.deepcopy(m)
    broken["schema_version"] = 2
    results.check("schema rejects another schema_version", not validator.is_valid(broken))

    # --- rendering: Markdown reads like the seed, with the measured numbers ---------------------
    r = run([args.anymig, "report", check_json, rep, "--format", "markdown"])
    md = r.stdout
    results.check("report renders Markdown", r.returncode == 0 and md.startswith("# "), r.stderr)
    sections = ["## Overview", "## Migration Scale", "## Progress over Batches", "## Run 1 Files", "## Run 2 Files",
                "## Migration Patterns Applied", "## Complex Patterns Documented (Not Migrated)", "## Testing Impact",
                "## Verification", "## Remaining Work", "## Next Steps"]
    pos = [md.find(s) for s in sections]
    results.check("Markdown has the seed's sections, in order", all(p >= 0 for p in pos) and pos == sorted(pos),
                  str(list(zip(sections, pos))))
    one = run([args.anymig, "report", rep, "--format", "markdown", "-o", os.path.join(work, "migrate.md")])
    with open(os.path.join(work, "migrate.md")) as f:
        md1 = f.read()
    for line in ["- **Files Modified**: 1", "- **Lines Changed**: +5 / -3", "- **Edits**: 3",
                 "- **Import Changes**: 0 anyio imports before, 1 after",
                 "- Syntax errors introduced: 0", "1 of 1 changed file compiled with `" + PY + " -m py_compile`:",
                 "### No anyio equivalent (1 site)", "### Inside a file with syntax errors (1 site)",
                 "asyncio_mode = auto", "    await anyio.sleep(1)"]:
        results.check(f"Markdown shows {line!r}", one.returncode == 0 and line in md1, md1[:3000])
    # An unsupported schema version is refused.
    future = os.path.join(work, "future.json")
    with open(future, "w") as f:
        json.dump(dict(m, schema_version=2), f)
    r = run([args.anymig, "report", future, "--format", "markdown"])
    results.check("report refuses schema_version 2 with exit 2", r.returncode == 2 and "schema_version 2" in r.stderr,
                  r.stderr)

    # --- real reports on the bundled example and on the golden fixtures validate ----------------
    for name, src in [("example", os.path.join(args.source, "examples", "asyncio-app")),
                      ("fixtures", os.path.join(args.source, "test-inputs", "python"))]:
        if not os.path.isdir(src):
            continue
        dst = os.path.join(work, name)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".pytest_cache", "__pycache__", "*.expected.*"))
        for cmd in ("check", "migrate"):
            out = os.path.join(work, f"{name}-{cmd}.json")
            r = run([args.anymig, cmd, ".", "--report", out], cwd=dst)
            results.check(f"{name}: {cmd} writes a report", r.returncode in (0, 1) and os.path.exists(out), r.stderr[-2000:])
            if os.path.exists(out):
                rep_ = load(out)
                valid(f"{name}: {cmd} report", rep_)
                results.check(f"{name}: {cmd}: no syntax error introduced",
                              rep_["verification"]["syntax_errors_introduced"] == 0)
    results.finish()


if __name__ == "__main__":
    main()
