"""The rule files are the single source of the rule documentation: every generated file
(docs/rules/<pack>/*.md, the packs' README tables, README.md's rule tables) must be what
scripts/gen-docs writes from `anymig rules --format json`; no rule's doc may still hold the
TODO markers scripts/add-rule leaves; every rule of every pack has fixtures (Python: a
complete case in test-inputs/python/<name>/; C/C++: a site of the rule in some
test-inputs/cpp/*/expected.check)."""
import glob
import json
import os

from common import Results, parse_args, run


def main():
    args = parse_args()
    results = Results()
    gen = run(["/usr/bin/python3", os.path.join(args.source, "scripts", "gen-docs"), "--check",
               "--anymig", args.anymig, "--source", args.source])
    results.check("generated docs are up to date", gen.returncode == 0, gen.stdout + gen.stderr)
    packs = json.loads(run([args.anymig, "rules", "--format", "json"]).stdout)
    checks = "".join(open(p, encoding="utf-8").read()
                     for p in glob.glob(os.path.join(args.source, "test-inputs", "cpp", "*", "expected.check")))
    for pack in packs:
        for r in pack["rules"]:
            name = f"{pack['name']} {r['id']} {r['name']}"
            results.check(f"{name}: documented", "TODO" not in r["doc"] + r["brief"] and r["doc"].strip() != "",
                          "the rule's .brief/.doc still has TODO markers (or is empty)")
            if pack["language"] == "python":
                d = os.path.join(args.source, "test-inputs", "python", r["name"])
                cases = [f for f in glob.glob(os.path.join(d, "*.py")) if not f.endswith(".expected.py")
                         and os.path.isfile(f[:-3] + ".expected.py") and os.path.isfile(f[:-3] + ".expected.txt")]
                results.check(f"{name}: fixtures", bool(cases), f"no complete case in {d}")
            else:
                results.check(f"{name}: fixtures", f" {r['id']} {r['name']} [" in checks,
                              f"no test-inputs/cpp/*/expected.check reports {r['id']}")
    results.finish()


if __name__ == "__main__":
    main()
