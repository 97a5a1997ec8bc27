#!/usr/bin/python3
"""The CPython differential oracle over a fuzz corpus (or any folder of .py files): for every
input that /usr/bin/python3 compiles, `anymig migrate` must produce a file that compiles too,
and a second `migrate` must change nothing. Inputs CPython refuses, whether its parser refuses
them or only its compiler (`await` outside an async function...), must be left byte-identical:
anymig's check before writing models both (matchers/python/indentation.cpp, compile_check.cpp).
Prints one line per finding and a summary; exit 1 when there is a finding.

    tests/fuzz/oracle.py --anymig build/anymig CORPUS_DIR [--limit N] [--work /tmp/anymig-oracle]
"""
import argparse
import os
import shutil
import subprocess
import sys

PY = "/usr/bin/python3"
# Per file: "ok"; "parse" when CPython's tokenizer or parser refuses it (ast.parse); "compile"
# when only the compiler does (`await` outside an async function, `return` outside a function...).
COMPILE = ("import ast, sys, warnings\n"
           "warnings.simplefilter('ignore')\n"
           "for p in sys.argv[1:]:\n"
           "    src = open(p, 'rb').read()\n"
           "    try:\n"
           "        ast.parse(src, p)\n"
           "    except BaseException:\n"
           "        print('parse')\n"
           "        continue\n"
           "    try:\n"
           "        compile(src, p, 'exec', dont_inherit=True)\n"
           "        print('ok')\n"
           "    except BaseException:\n"
           "        print('compile')\n")


def cpython_verdicts(paths):
    """One interpreter for many files (isolated mode: no site-packages, no user paths)."""
    out = []
    for i in range(0, len(paths), 200):
        chunk = paths[i:i + 200]
        p = subprocess.run([PY, "-I", "-c", COMPILE, *chunk], capture_output=True, text=True, timeout=600)
        out += p.stdout.split()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anymig", required=True)
    ap.add_argument("--work", default="/tmp/anymig-oracle")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("corpus")
    a = ap.parse_args()
    files = sorted(os.path.join(a.corpus, f) for f in os.listdir(a.corpus)
                   if os.path.isfile(os.path.join(a.corpus, f)))
    if a.limit:
        files = files[:a.limit]
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    copies = []
    for i, f in enumerate(files):
        dst = os.path.join(a.work, f"c{i:06d}.py")
        shutil.copyfile(f, dst)
        copies.append(dst)
    before = {c: open(c, "rb").read() for c in copies}
    verdict_before = cpython_verdicts(copies)
    ok_before = [v == "ok" for v in verdict_before]
    first = subprocess.run([a.anymig, "migrate", "-j", "2", "--no-progress", a.work], capture_output=True, text=True,
                           timeout=3600)
    if first.returncode < 0 or first.returncode > 2:
        print(f"FINDING anymig crashed (exit {first.returncode}): {first.stderr[-2000:]}")
        sys.exit(1)
    ok_after = [v == "ok" for v in cpython_verdicts(copies)]
    findings = 0
    changed = 0
    for c, src, verdict, okb, oka in zip(copies, files, verdict_before, ok_before, ok_after):
        now = open(c, "rb").read()
        changed += now != before[c]
        if okb and not oka:
            findings += 1
            print(f"FINDING {src}: CPython compiled the input but not anymig's output")
        if not okb and now != before[c]:
            findings += 1
            print(f"FINDING {src}: CPython's {'compiler' if verdict == 'compile' else 'parser'} "
                  "refuses the input but anymig rewrote it")
    second = subprocess.run([a.anymig, "migrate", "--diff", "--no-progress", a.work], capture_output=True, text=True,
                            timeout=3600)
    if second.stdout:
        findings += 1
        print("FINDING a second pass changes files:\n" + second.stdout[:3000])
    print(f"oracle: {len(copies)} inputs, {sum(ok_before)} compile with CPython, {changed} migrated, "
          f"{findings} findings")
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
