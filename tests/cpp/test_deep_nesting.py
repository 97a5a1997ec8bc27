#!/usr/bin/python3
"""Deep nesting and long chains in C/C++ input: no crash, a clear per-file error or a migration,
and the rest of the run goes on (issue 13). One `anymig migrate` over four files:
  ok.cpp           a plain Boost.Thread use: migrated;
  long_chain.cpp   a 50,000-term `x + x + ...` expression (an AST 50,000 levels deep): migrated;
  deep_parens.cpp  3,000 nested parentheses: refused by name with Clang's bracket-depth error;
  deep_blocks.cpp  2,000 nested blocks: the same.
"""
import argparse
import os
import shutil
import subprocess
import sys

HEAD = "#include <boost/thread/mutex.hpp>\n\nboost::mutex m;\n\n"
LOCK = "boost::mutex::scoped_lock l(m);"
NEW_HEAD = "#include <mutex>\n\nstd::mutex m;\n\n"
NEW_LOCK = "std::unique_lock<std::mutex> l(m);"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anymig", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    bodies = {
        "ok.cpp": "int f() { LOCK return 1; }\n",
        "long_chain.cpp": "int h(int x) { LOCK return x" + " + x" * 50000 + "; }\n",
        "deep_parens.cpp": "int g(int x) { LOCK return " + "(" * 3000 + "x" + ")" * 3000 + "; }\n",
        "deep_blocks.cpp": "void b() { LOCK " + "{" * 2000 + "}" * 2000 + " }\n",
    }
    for name, body in bodies.items():
        with open(os.path.join(a.work, name), "w") as f:
            f.write(HEAD + body.replace("LOCK", LOCK))
    p = subprocess.run([a.anymig, "migrate", "--no-progress", *sorted(bodies), "--", "-std=c++17"], cwd=a.work,
                       capture_output=True, text=True, timeout=1200)
    failures = []

    def check(what, ok, detail=""):
        print(("PASS " if ok else "FAIL ") + what)
        if not ok:
            print(detail[-3000:])
            failures.append(what)

    check("the run ends normally (exit 0: files with syntax errors are skipped, not errors)", p.returncode == 0,
          f"exit {p.returncode}\n{p.stderr}")
    for name in ("deep_blocks.cpp", "deep_parens.cpp"):
        line = f"anymig: skipped {name}: syntax error at line 5: bracket nesting level exceeded maximum of 256"
        check(f"{name} is refused by name with Clang's reason", line in p.stderr.splitlines(), p.stderr)
        with open(os.path.join(a.work, name)) as f:
            check(f"{name} is untouched", f.read() == HEAD + bodies[name].replace("LOCK", LOCK))
    for name in ("ok.cpp", "long_chain.cpp"):
        with open(os.path.join(a.work, name)) as f:
            now = f.read()
        check(f"{name} is migrated exactly", now == NEW_HEAD + bodies[name].replace("LOCK", NEW_LOCK), now[:300])
    print(f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
