"""isort/black round trip: every file that `isort --check-only` accepted before `anymig migrate`
is still accepted after it, and every file `black --check` accepted stays black-clean (so the
imports anymig inserts and removes, and the code it generates, follow the project's formatter).

Corpora: the bundled example, the behavioural programs, a project whose migration writes long
lines (test-inputs/layout/project, also with black's line-length set to 100 in pyproject.toml), CPython's asyncio package and its tests
(libpython3.11-testsuite) and Debian's pytest-asyncio package, each as found; then the example and the behavioural programs formatted
first by isort (under several project configurations: defaults, profile black with
force_sort_within_sections and known_first_party in pyproject.toml, profile google in
.isort.cfg, setup.cfg [isort] with lines_after_imports) and black, so every file starts clean.
Prints the counts per corpus."""
import os
import re
import shutil
import subprocess
import sys

from common import Results, fresh_dir, parse_args, run

PY = "/usr/bin/python3"
CONFIGS = {
    "defaults": {},
    "pyproject-black": {"pyproject.toml": "[tool.isort]\nprofile = \"black\"\nforce_sort_within_sections = true\n"
                                          "known_first_party = [\"helpers\", \"asyncio_app\"]\n"},
    "isort-cfg-google": {".isort.cfg": "[settings]\nprofile = google\nknown_first_party = asyncio_app\n"},
    "setup-cfg": {"setup.cfg": "[metadata]\nname = x\n\n[isort]\nlines_after_imports = 2\n"
                               "known_third_party =\n    anyio\n    trio\n"},
}


def python_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in (".git", "__pycache__"))
        out += [os.path.join(d, f) for f in sorted(files) if f.endswith(".py")]
    return out


def isort_clean(root, files):
    r = run([PY, "-m", "isort", "--check-only", *files], cwd=root, timeout=600)
    bad = set(re.findall(r"^ERROR: (.+?) Imports are incorrectly sorted", r.stderr, re.M))
    return {f for f in files if f not in bad}


def black_clean(root, files):
    # Not --quiet: it also silences the "would reformat" lines this reads.
    r = run(["black", "--check", "--target-version", "py311", *files], cwd=root, timeout=600)
    bad = set(re.findall(r"^would reformat (.+)$", r.stderr, re.M))
    unparsable = set(re.findall(r"^error: cannot format (.+?): ", r.stderr, re.M))
    return {f for f in files if f not in bad and f not in unparsable}


def round_trip(results, args, name, root, prepare=False):
    os.makedirs(os.path.join(root, ".git"), exist_ok=True)  # the project root for isort and anymig
    files = python_files(root)
    if prepare:  # start from files the project's formatters accept
        run([PY, "-m", "isort", "--quiet", *files], cwd=root, timeout=600)
        run(["black", "--quiet", "--target-version", "py311", *files], cwd=root, timeout=600)
    isort_before, black_before = isort_clean(root, files), black_clean(root, files)
    before = {f: open(f, "rb").read() for f in files}
    m = run([args.anymig, "migrate", "--no-progress", root], timeout=600)
    results.check(f"{name}: migrate ran (exit 0/1)", m.returncode in (0, 1), m.stderr[-3000:])
    changed = [f for f in files if open(f, "rb").read() != before[f]]
    isort_after, black_after = isort_clean(root, files), black_clean(root, files)
    lost_isort = sorted(isort_before - isort_after)
    lost_black = sorted(black_before - black_after)
    detail = ""
    for f in lost_isort[:5]:
        detail += run([PY, "-m", "isort", "--diff", "--check-only", f], cwd=root).stdout[-1500:]
    for f in lost_black[:5]:
        detail += run(["black", "--diff", "--quiet", "--target-version", "py311", f], cwd=root).stdout[-1500:]
    print(f"{name}: {len(files)} files, {len(changed)} changed by migrate; isort-clean before {len(isort_before)}, "
          f"after {len(isort_after)}; black-clean before {len(black_before)}, after {len(black_after)}")
    results.check(f"{name}: every isort-clean file stays isort-clean ({len(isort_before)})", not lost_isort,
                  "\n".join(lost_isort) + "\n" + detail)
    results.check(f"{name}: every black-clean file stays black-clean ({len(black_before)})", not lost_black,
                  "\n".join(lost_black) + "\n" + detail)
    return changed


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    results = Results()
    for tool in (["black", "--version"], [PY, "-m", "isort", "--version"]):
        if run(tool).returncode != 0:
            results.check(f"{tool[0]} installed", False, "scripts/bootstrap.sh installs black and python3-isort")
            results.finish()
    # The layout's unit test (tests/test_layout.cpp) compares anymig's splits with these files:
    # they must be black's own output, or that test would check the layout against itself.
    for stem in ("split", "blank_lines"):
        src = os.path.join(args.source, "test-inputs", "layout", stem + ".py")
        formatted = subprocess.run(["black", "-q", "-"], input=open(src).read(), capture_output=True, text=True,
                                   timeout=120)
        expected = open(os.path.join(args.source, "test-inputs", "layout", stem + ".expected.py")).read()
        results.check(f"layout: {stem}.expected.py is black's output for {stem}.py",
                      formatted.returncode == 0 and formatted.stdout == expected, formatted.stderr[-2000:])
    left = os.path.join(args.source, "test-inputs", "layout", "left_alone.py")
    results.check("layout: left_alone.py is not black-clean (black splits the shapes it holds)",
                  run(["black", "-q", "--check", left]).returncode == 1)
    example = os.path.join(args.source, "examples", "asyncio-app")
    behavior = os.path.join(args.source, "test-inputs", "behavior")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    layout = os.path.join(args.source, "test-inputs", "layout", "project")
    corpora = [("example", example, False), ("behavior", behavior, False), ("layout", layout, True),
               ("cpython-asyncio", "/usr/lib/python3.11/asyncio", False),
               ("cpython-test-asyncio", "/usr/lib/python3.11/test/test_asyncio", False),
               ("pytest-asyncio", "/usr/lib/python3/dist-packages/pytest_asyncio", False)]
    total_changed = 0
    for name, src, prepare in corpora:
        if not os.path.isdir(src):
            results.check(f"{name}: corpus present", False, src)
            continue
        root = os.path.join(work, name)
        shutil.copytree(src, os.path.join(root, os.path.basename(src)) if name.startswith(("cpython", "pytest"))
                        else root, ignore=ignore)
        changed = round_trip(results, args, name, root, prepare)
        total_changed += len(changed)
        if name == "layout":  # the migration wrote long lines there, and they were laid out
            longest = max((len(line) for f in changed for line in open(f).read().splitlines()), default=0)
            results.check(f"layout: migrated, every line within 88 columns (longest {longest})",
                          len(changed) == 1 and longest <= 88)
    layout100 = os.path.join(work, "layout-black-100")
    shutil.copytree(layout, layout100, ignore=ignore)
    with open(os.path.join(layout100, "pyproject.toml"), "w") as f:
        f.write("[tool.black]\nline-length = 100\n")
    total_changed += len(round_trip(results, args, "layout-black-100", layout100, prepare=True))
    for config, files in CONFIGS.items():
        for name, src in (("example", example), ("behavior", behavior)):
            root = os.path.join(work, f"{config}-{name}")
            shutil.copytree(src, root, ignore=ignore)
            for fname, text in files.items():
                with open(os.path.join(root, fname), "a" if fname == "pyproject.toml" else "w") as f:
                    f.write(("\n" if fname == "pyproject.toml" else "") + text)
            total_changed += len(round_trip(results, args, f"{config}-{name}", root, prepare=True))
    results.check("the corpora had files to migrate", total_changed > 0)
    results.finish()


if __name__ == "__main__":
    main()
