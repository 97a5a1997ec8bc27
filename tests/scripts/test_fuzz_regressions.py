"""Fuzz regressions: the CPython differential oracle (tests/fuzz/oracle.py) over every input in
test-inputs/fuzz/ and test-inputs/fuzz/refused/ -- what CPython compiles still compiles after
`anymig migrate`, a second run changes nothing, and what CPython refuses (its parser or only its
compiler) is left byte-identical. Then, exactly:
- no input CPython compiles is refused by anymig as a syntax error;
- every input in refused/ (text tree-sitter's grammar accepts and CPython refuses: its
  compiler's rules, `match` pattern rules, the parts of its grammar tree-sitter is looser
  about) is skipped with the
  reason listed in refused/expected.txt, whose line and message are CPython's own
  (`compile()`'s SyntaxError), with and without --fix-broken-files, and left byte-identical."""
import os
import re
import shutil
import subprocess
import sys
import warnings

from common import fresh_dir, parse_args, read, run


def oracle(args, corpus, work):
    script = os.path.join(args.source, "tests", "fuzz", "oracle.py")
    files = [f for f in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, f))]
    p = subprocess.run([sys.executable, script, "--anymig", args.anymig, "--work", work, corpus],
                       capture_output=True, text=True, timeout=900)
    print(p.stdout + p.stderr)
    ok = p.returncode == 0 and f"oracle: {len(files)} inputs" in p.stdout
    print(("PASS" if ok else "FAIL") + f" oracle over {corpus} ({len(files)} files)")
    return ok


def cpython_error(path):
    """(line, message) of CPython's SyntaxError for the file ((None, the error's name) past its
    depth limits), or None when it compiles."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(read(path), path, "exec", dont_inherit=True)
            return None
        except SyntaxError as e:
            return e.lineno, e.msg
        except (RecursionError, MemoryError) as e:  # its compiler's or parser's depth limit
            return None, type(e).__name__


def skipped(stderr):
    """file name -> reason, from `anymig: skipped PATH: REASON` lines."""
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"anymig: skipped (.*?): (syntax error at .*)$", line)
        if m:
            out[os.path.basename(m.group(1))] = m.group(2)
    return out


def check_valid_not_refused(args, corpus):
    valid = [f for f in sorted(os.listdir(corpus)) if f.endswith(".py") and not cpython_error(os.path.join(corpus, f))]
    r = run([args.anymig, "check", "--no-cache", "--no-progress", *[os.path.join(corpus, f) for f in valid]])
    refused = skipped(r.stderr)
    ok = not refused and len(valid) > 0
    print(("PASS" if ok else "FAIL") + f" none of the {len(valid)} inputs CPython compiles is refused: {refused}")
    return ok


def check_refusals(args, corpus):
    expected = {}
    for line in read(os.path.join(corpus, "expected.txt")).decode().splitlines():
        name, reason = line.split(": ", 1)
        expected[name] = reason
    inputs = sorted(f for f in os.listdir(corpus) if f.endswith(".py"))
    ok = sorted(expected) == inputs
    print(("PASS" if ok else "FAIL") + f" expected.txt lists exactly the {len(inputs)} inputs")
    for name in inputs:  # the expectation is CPython's verdict (line and message)
        m = re.match(r"syntax error at line (\d+), column \d+: (.*)$", expected[name])
        if cpython_error(os.path.join(corpus, name)) != (int(m.group(1)), m.group(2)):
            ok = False
            print(f"FAIL {name}: CPython says {cpython_error(os.path.join(corpus, name))}, expected.txt {expected[name]}")
    for extra in ([], ["--fix-broken-files"]):
        work = fresh_dir(os.path.join(args.work, "refused"))
        for name in inputs:
            shutil.copyfile(os.path.join(corpus, name), os.path.join(work, name))
        r = run([args.anymig, "migrate", "--no-progress", *extra, work], timeout=600)
        got = skipped(r.stderr)
        same = [n for n in inputs if read(os.path.join(work, n)) == read(os.path.join(corpus, n))]
        this = r.returncode == 0 and got == expected and len(same) == len(inputs)
        for n in inputs:
            if got.get(n) != expected[n]:
                print(f"  {n}: anymig {got.get(n)!r}, expected {expected[n]!r}")
        print(("PASS" if this else "FAIL") + f" migrate {' '.join(extra)}: {len(got)} of {len(inputs)} skipped with "
              f"CPython's reason, {len(same)} byte-identical (exit {r.returncode})")
        ok = ok and this
    return ok


def main():
    args = parse_args()
    corpus = os.path.join(args.source, "test-inputs", "fuzz")
    refused = os.path.join(corpus, "refused")
    ok = oracle(args, corpus, os.path.join(args.work, "oracle"))
    ok = oracle(args, refused, os.path.join(args.work, "oracle-refused")) and ok
    ok = check_valid_not_refused(args, corpus) and ok
    ok = check_refusals(args, refused) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
