"""The CI gate end to end: `anymig check` output formats (SARIF validated against the SARIF
2.1.0 schema), exit codes, baselines, inline suppressions (used and unused), [tool.anymig]
configuration and its errors, and --export-fixes applied with clang-apply-replacements-19."""
import copy
import json
import os
import re
import shutil
import subprocess
import sys

import jsonschema

from common import Results, fresh_dir, parse_args, run

MOD = '''import asyncio


async def worker():
    await asyncio.sleep(1)
    return await asyncio.sleep(0, loop=None)


async def quiet():
    await asyncio.sleep(2)  # anymig: ignore[AM101]


async def stale():
    print("nothing to silence")  # anymig: ignore
    await asyncio.sleep(3)  # anymig: ignore[asyncio-run]
'''

SELECT = ["--select", "AM101,AM102"]
FIXABLE = "asyncio.sleep() -> anyio.sleep()"
NO_EQUIV = ("asyncio.sleep(..., loop=...): anyio.sleep() takes no event loop (asyncio.sleep() took one until Python 3.10): "
            "drop the argument")


def write(path, text, newline=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline=newline) as f:
        f.write(text)


def col(line_text, needle):
    return line_text.index(needle) + 1


def expected_sites():
    """(line, column, end column, status, message) of the three counted sites in MOD."""
    lines = MOD.split("\n")
    out = []
    for lineno, needle, status, msg in [(5, "asyncio.sleep(1)", "fixable", FIXABLE),
                                        (6, "asyncio.sleep(0, loop=None)", "needs-review", NO_EQUIV),
                                        (15, "asyncio.sleep(3)", "fixable", FIXABLE)]:
        c = col(lines[lineno - 1], needle)
        out.append((lineno, c, c + len(needle), status, msg))
    return out


def expected_unused():
    lines = MOD.split("\n")
    return [(14, col(lines[13], "anymig:"), None), (15, col(lines[14], "anymig:"), "asyncio-run")]


def make_project(root):
    fresh_dir(root)
    write(os.path.join(root, "pkg", "__init__.py"), "")
    write(os.path.join(root, "pkg", "mod.py"), MOD)
    write(os.path.join(root, "pkg", "clean.py"), "def f():\n    return 1\n")
    os.makedirs(os.path.join(root, ".git"))  # the repository root SARIF paths are relative to
    return root


def uri_checkers():
    """jsonschema has no `uri` checker without the rfc3987 package (not installed): check the
    RFC 3986 syntax ourselves so the schema's format constraints are enforced."""
    fc = jsonschema.Draft4Validator.FORMAT_CHECKER
    unreserved = r"A-Za-z0-9\-._~!$&'()*+,;=:@/%?#\[\]"
    ref = re.compile(r"^[" + unreserved + r"]*$")
    absolute = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[" + unreserved + r"]*$")

    @fc.checks("uri")
    def is_uri(value):
        return not isinstance(value, str) or (absolute.match(value) is not None and "%" not in re.sub(r"%[0-9A-Fa-f]{2}", "", value))

    @fc.checks("uri-reference")
    def is_uri_ref(value):
        return not isinstance(value, str) or (ref.match(value) is not None and "%" not in re.sub(r"%[0-9A-Fa-f]{2}", "", value))

    return fc


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    A = args.anymig
    results = Results()
    env = dict(os.environ)
    env.pop("CI", None)
    env["NO_COLOR"] = "1"

    # --- text format and exit codes -------------------------------------------------------
    proj = make_project(os.path.join(work, "formats"))
    r = run([A, "check", "pkg", *SELECT], cwd=proj, env=env)
    want = "".join(f"pkg/mod.py:{l}:{c}: AM101 [{s}] {m}\n" for l, c, _, s, m in expected_sites())
    want += "".join(
        f"pkg/mod.py:{l}:{c}: unused-suppression unused suppression: `anymig: ignore` silenced no site on this line\n"
        if rule is None else
        f"pkg/mod.py:{l}:{c}: unused-suppression unused suppression: `anymig: ignore[{rule}]` silenced no {rule} site on this line\n"
        for l, c, rule in expected_unused())
    results.check("text output", r.stdout == want, f"got:\n{r.stdout}\nwant:\n{want}\n{r.stderr}")
    results.check("text exit code 1 while sites remain", r.returncode == 1, r.stderr)
    results.check("text summary on stderr",
                  "anymig check: 3 legacy sites, 1 suppressed, 2 unused suppressions" in r.stderr, r.stderr)
    r = run([A, "check", "pkg/clean.py"], cwd=proj, env=env)
    results.check("exit 0 when no site remains", r.returncode == 0 and r.stdout == "", r.stdout + r.stderr)
    r = run([A, "check", "no/such/dir"], cwd=proj, env=env)
    results.check("exit 2 for a missing path", r.returncode == 2, r.stderr)
    r = run([A, "check", "pkg", "--format", "xml"], cwd=proj, env=env)
    results.check("exit 2 for a bad --format", r.returncode == 2, r.stderr)
    r = run([A, "check", "pkg", "--select", "NOPE"], cwd=proj, env=env)
    results.check("exit 2 for an unknown rule", r.returncode == 2 and "NOPE" in r.stderr, r.stderr)

    # --- json --------------------------------------------------------------------------------
    r = run([A, "check", "pkg", *SELECT, "--format", "json"], cwd=proj, env=env)
    try:
        j = json.loads(r.stdout)
    except ValueError as e:
        j = {}
        results.check("json parses", False, str(e) + r.stdout)
    if j:
        results.check("json summary", j["summary"] == {
            "files": 3, "sites": 3, "new": 3, "baselined": 0, "suppressed": 1, "unused_suppressions": 2,
            "files_skipped": 0, "file_errors": 0}, json.dumps(j["summary"]))
        got = [(s["line"], s["column"], s["endColumn"], s["status"], s["message"]) for s in j["sites"]]
        results.check("json sites", got == expected_sites(), json.dumps(j["sites"], indent=1))
        results.check("json sites carry rule, path, before/after",
                      all(s["rule"] == "AM101" and s["path"] == "pkg/mod.py" and s["ruleName"] == "asyncio-sleep"
                          for s in j["sites"]) and j["sites"][0]["before"] == "asyncio.sleep(1)"
                      and j["sites"][0]["after"] == "anyio.sleep(1)", json.dumps(j["sites"][0]))
        sup = [(s["line"], s["rule"], s["status"]) for s in j["suppressed"]]
        results.check("json reports the suppressed site", sup == [(10, "AM101", "suppressed")], json.dumps(j["suppressed"]))
        unused = [(u["line"], u["column"], u["rule"]) for u in j["unused_suppressions"]]
        results.check("json reports unused suppressions", unused == expected_unused(), json.dumps(unused))
        fps = [s["fingerprint"] for s in j["sites"]]
        results.check("fingerprints are 16 hex digits and distinct",
                      all(re.fullmatch(r"[0-9a-f]{16}", f) for f in fps) and len(set(fps)) == 3, str(fps))

    # --- sarif -------------------------------------------------------------------------------
    schema_path = os.path.join(args.source, "tests", "data", "sarif-schema-2.1.0.json")
    with open(schema_path) as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema, format_checker=uri_checkers())
    out_sarif = os.path.join(work, "out.sarif")
    r = run([A, "check", "pkg", *SELECT, "--format", "sarif", "-o", out_sarif], cwd=proj, env=env)
    results.check("sarif exit code 1", r.returncode == 1, r.stderr)
    with open(out_sarif) as f:
        sarif = json.load(f)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    results.check("sarif validates against the SARIF 2.1.0 schema", not errors,
                  "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
    broken = copy.deepcopy(sarif)
    broken["runs"][0]["results"][0]["level"] = "severe"
    del broken["version"]
    results.check("the schema check can fail", len(list(validator.iter_errors(broken))) == 2)
    run0 = sarif["runs"][0]
    driver = run0["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    results.check("sarif driver lists the rules with help URIs",
                  driver["name"] == "anymig" and "AM101" in rules and
                  rules["AM101"]["helpUri"].endswith("/docs/rules/asyncio-to-anyio/asyncio-sleep.md") and
                  rules["AM101"]["shortDescription"]["text"] != "", json.dumps(rules.get("AM101")))
    res = run0["results"]
    got = []
    for x in res:
        loc = x["locations"][0]["physicalLocation"]
        reg = loc["region"]
        got.append((x["ruleId"], driver["rules"][x["ruleIndex"]]["id"], loc["artifactLocation"]["uri"],
                    reg["startLine"], reg["startColumn"], reg["endColumn"], x["level"],
                    "suppressions" in x, "anymigSite/v1" in x.get("partialFingerprints", {})))
    want = [("AM101", "AM101", "pkg/mod.py", l, c, e, "warning", False, True) for l, c, e, _, _ in expected_sites()]
    lines = MOD.split("\n")
    c10 = col(lines[9], "asyncio.sleep(2)")
    want.append(("AM101", "AM101", "pkg/mod.py", 10, c10, c10 + len("asyncio.sleep(2)"), "warning", True, False))
    results.check("sarif results: rule, uri relative to the repository root, region, fingerprints", got == want,
                  f"{got}\n{want}")
    results.check("sarif %SRCROOT% is the repository root",
                  run0["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + os.path.realpath(proj) + "/"
                  or run0["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + proj + "/",
                  json.dumps(run0["originalUriBaseIds"]))
    notes = run0["invocations"][0].get("toolConfigurationNotifications", [])
    results.check("sarif reports unused suppressions as notifications",
                  [n["locations"][0]["physicalLocation"]["region"]["startLine"] for n in notes] == [14, 15],
                  json.dumps(notes))

    # --- github ------------------------------------------------------------------------------
    r = run([A, "check", "pkg", *SELECT, "--format", "github"], cwd=proj, env=env)
    want = "".join(f"::warning file=pkg/mod.py,line={l},col={c},endLine={l},endColumn={e},title=AM101::{m} [{s}]\n"
                   for l, c, e, s, m in expected_sites())
    want += "".join(
        f"::notice file=pkg/mod.py,line={l},col={c},title=unused-suppression::unused suppression: "
        + ("`anymig: ignore` silenced no site on this line" if rule is None else
           f"`anymig: ignore[{rule}]` silenced no {rule} site on this line") + "\n"
        for l, c, rule in expected_unused())
    results.check("github annotations", r.stdout == want and r.returncode == 1, f"got:\n{r.stdout}\nwant:\n{want}")

    # --- baseline ----------------------------------------------------------------------------
    proj = make_project(os.path.join(work, "baseline"))
    r = run([A, "check", "pkg", *SELECT, "--baseline", "anymig-baseline.json", "--update-baseline"], cwd=proj, env=env)
    results.check("--update-baseline exits 0 and shows no site", r.returncode == 0 and "AM101" not in r.stdout,
                  r.stdout + r.stderr)
    with open(os.path.join(proj, "anymig-baseline.json")) as f:
        bl = json.load(f)
    results.check("baseline has one entry per site, keyed without line numbers",
                  [(e["path"], e["rule"], e["occurrence"]) for e in bl["entries"]] ==
                  [("pkg/mod.py", "AM101", 1)] * 3, json.dumps(bl, indent=1))
    r = run([A, "check", "pkg", *SELECT, "--baseline", "anymig-baseline.json"], cwd=proj, env=env)
    results.check("baselined sites pass", r.returncode == 0 and r.stdout.count("AM101") == 0, r.stdout + r.stderr)
    # Unrelated edits: lines inserted above every site, code added below.
    path = os.path.join(proj, "pkg", "mod.py")
    edited = '"""Module doc."""\n# a comment\n\n' + MOD + "\n\ndef helper():\n    return 2\n"
    write(path, edited)
    r = run([A, "check", "pkg", *SELECT, "--baseline", "anymig-baseline.json", "--format", "json"], cwd=proj, env=env)
    j = json.loads(r.stdout)
    results.check("inserting lines above the sites keeps them baselined",
                  r.returncode == 0 and j["summary"]["baselined"] == 3 and j["summary"]["new"] == 0,
                  json.dumps(j["summary"]))
    # A new site: a second, identical `await asyncio.sleep(1)` in worker() (occurrence 2).
    lines = edited.split("\n")
    at = lines.index("    await asyncio.sleep(1)")
    lines.insert(at + 1, "    await asyncio.sleep(1)")
    write(path, "\n".join(lines))
    r = run([A, "check", "pkg", *SELECT, "--baseline", "anymig-baseline.json"], cwd=proj, env=env)
    c = col(lines[at + 1], "asyncio.sleep")
    results.check("a new site fails the gate and is the only one shown",
                  r.returncode == 1 and r.stdout.splitlines()[:1] == [f"pkg/mod.py:{at + 2}:{c}: AM101 [fixable] {FIXABLE}"]
                  and r.stdout.count("AM101") == 1 and "(1 new, 3 in the baseline)" in r.stderr,
                  r.stdout + r.stderr)
    write(os.path.join(proj, "pyproject.toml"), '[tool.anymig]\nbaseline = "anymig-baseline.json"\nselect = ["AM101", "AM102"]\n')
    r = run([A, "check", "pkg", "--format", "json"], cwd=proj, env=env)
    j = json.loads(r.stdout)
    results.check("baseline path from [tool.anymig]", r.returncode == 1 and j["summary"]["baselined"] == 3
                  and j["summary"]["new"] == 1 and j.get("baseline", "").endswith("anymig-baseline.json"),
                  json.dumps(j.get("summary")))
    write(os.path.join(proj, "bad-baseline.json"), '{"tool": "something-else"}')
    r = run([A, "check", "pkg", "--baseline", "bad-baseline.json"], cwd=proj, env=env)
    results.check("a file that is not a baseline is exit 2", r.returncode == 2 and "not an anymig baseline" in r.stderr,
                  r.stderr)

    # --- configuration -----------------------------------------------------------------------
    proj = make_project(os.path.join(work, "config"))
    pyproject = os.path.join(proj, "pyproject.toml")
    write(pyproject, '[project]\nname = "demo"\n\n[tool.anymig]\nselect = ["AM101"]\nbatch-sizes = 3\n')
    r = run([A, "check", "pkg"], cwd=proj, env=env)
    results.check("unknown key: exit 2 naming the key and the file",
                  r.returncode == 2 and "unknown key 'batch-sizes'" in r.stderr and pyproject in r.stderr, r.stderr)
    write(pyproject, '[tool.anymig]\nbatch-size = "ten"\n')
    r = run([A, "check", "pkg"], cwd=proj, env=env)
    results.check("wrong type: exit 2 naming the key", r.returncode == 2 and "batch-size" in r.stderr, r.stderr)
    write(pyproject, '[tool.anymig]\nper-file-ignores = { "pkg/*" = ["AM999"] }\n')
    r = run([A, "check", "pkg"], cwd=proj, env=env)
    results.check("unknown rule in per-file-ignores: exit 2", r.returncode == 2 and "AM999" in r.stderr, r.stderr)
    write(pyproject, '[tool.anymig]\nselect = ["AM102"]\n')
    write(os.path.join(proj, "pkg", "runner.py"), "import asyncio\n\n\nasync def main():\n    pass\n\nasyncio.run(main())\n")
    r = run([A, "check", "pkg", "--format", "json"], cwd=proj, env=env)
    rules_seen = sorted({s["rule"] for s in json.loads(r.stdout)["sites"]})
    results.check("select from [tool.anymig]", rules_seen == ["AM102"], r.stdout[:500])
    r = run([A, "check", "pkg", "--select", "AM101", "--format", "json"], cwd=proj, env=env)
    rules_seen = sorted({s["rule"] for s in json.loads(r.stdout)["sites"]})
    results.check("--select overrides [tool.anymig]", rules_seen == ["AM101"], r.stdout[:500])
    write(pyproject, '[tool.anymig]\nselect = ["AM101", "AM102"]\nper-file-ignores = { "pkg/mod.py" = ["AM101"] }\n'
                     'exclude = ["pkg/clean.py"]\n')
    r = run([A, "check", "pkg", "--format", "json"], cwd=proj, env=env)
    j = json.loads(r.stdout)
    results.check("per-file-ignores and exclude from [tool.anymig]",
                  sorted({(s["path"], s["rule"]) for s in j["sites"]}) == [("pkg/runner.py", "AM102")]
                  and j["summary"]["files"] == 3, json.dumps(j["summary"]))

    # --- export-fixes round trip ---------------------------------------------------------------
    base = fresh_dir(os.path.join(work, "fixes"))
    sources = {
        "app/main.py": "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(1)\n    lock = asyncio.Lock()\n"
                       "    async with lock:\n        pass\n\nasyncio.run(main())\n",
        "app/crlf.py": "import asyncio\r\n\r\nasync def f():\r\n\tawait asyncio.sleep(0.5)  # caf\u00e9 \u2615\r\n",
        "app/untouched.py": "def g():\n    return 'asyncio is only mentioned here'\n",
    }
    for tree in ("a", "b", "c"):
        for rel, text in sources.items():
            write(os.path.join(base, tree, rel), text, newline="")
    r = run([A, "check", "a", "--export-fixes", "out/a.yaml"], cwd=base, env=env)
    results.check("check --export-fixes writes the file", r.returncode == 1 and os.path.exists(os.path.join(base, "out", "a.yaml")),
                  r.stderr)
    with open(os.path.join(base, "out", "a.yaml")) as f:
        yaml_text = f.read()
    results.check("the YAML names every changed file and no other",
                  yaml_text.count("DiagnosticName: anymig") == 2 and "untouched.py" not in yaml_text, yaml_text)
    before = {rel: open(os.path.join(base, "a", rel), "rb").read() for rel in sources}
    car = subprocess.run(["clang-apply-replacements-19", os.path.join(base, "out")], capture_output=True, text=True)
    results.check("clang-apply-replacements-19 applies it", car.returncode == 0, car.stdout + car.stderr)
    r = run([A, "migrate", "b"], cwd=base, env=env)
    results.check("migrate succeeds", r.returncode == 0, r.stderr)
    for rel in sources:
        got = open(os.path.join(base, "a", rel), "rb").read()
        want = open(os.path.join(base, "b", rel), "rb").read()
        results.check(f"export-fixes result equals migrate's byte for byte: {rel}", got == want,
                      f"applied: {got!r}\nmigrate: {want!r}")
    results.check("the round trip changed the fixable files",
                  before["app/main.py"] != open(os.path.join(base, "a", "app/main.py"), "rb").read()
                  and before["app/crlf.py"] != open(os.path.join(base, "a", "app/crlf.py"), "rb").read())
    r = run([A, "migrate", "c", "--export-fixes", "out-c/c.yaml"], cwd=base, env=env)
    with open(os.path.join(base, "out-c", "c.yaml")) as f:
        c_yaml = f.read()
    results.check("migrate --export-fixes records the original -> final edits",
                  r.returncode == 0 and c_yaml.replace("/c/", "/a/") == yaml_text, c_yaml)

    # --- progress bar stays quiet when stderr is not a terminal -----------------------------------
    r = run([A, "check", "pkg"], cwd=os.path.join(work, "formats"), env=env)
    results.check("no progress bar when stderr is not a terminal", "\r" not in r.stderr and "files/s" not in r.stderr,
                  repr(r.stderr))

    results.finish()


if __name__ == "__main__":
    main()
