"""Fuzz regressions: the CPython differential oracle (tests/fuzz/oracle.py) over every input in
test-inputs/fuzz/ -- what CPython compiles still compiles after `anymig migrate`, a second run
changes nothing, and what CPython refuses is left byte-identical."""
import os
import subprocess
import sys

from common import parse_args


def main():
    args = parse_args()
    oracle = os.path.join(args.source, "tests", "fuzz", "oracle.py")
    corpus = os.path.join(args.source, "test-inputs", "fuzz")
    inputs = [f for f in os.listdir(corpus) if f.endswith(".py")]
    p = subprocess.run([sys.executable, oracle, "--anymig", args.anymig, "--work", args.work, corpus],
                       capture_output=True, text=True, timeout=900)
    print(p.stdout + p.stderr)
    ok = p.returncode == 0 and f"oracle: {len(inputs) + 1} inputs" in p.stdout
    print(("PASS" if ok else "FAIL") + f" oracle over {len(inputs)} regression inputs (and the README)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
