"""End-to-end safety guarantees of `anymig migrate` / `check` through the real binary:
bad files get a clear error naming them while the rest of the run continues; files with
syntax errors stay byte-identical; bytes outside edits (CRLF, BOM, tabs, comments) are kept;
permissions survive; --diff writes nothing; a second run changes nothing; exit codes."""
import os
import stat

from common import Results, fresh_dir, parse_args, read, run, write


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    r = Results()
    proj = os.path.join(work, "proj")
    good = b"\xef\xbb\xbfimport asyncio\r\n\r\n\r\nasync def f():\r\n\tawait asyncio.sleep(1)  # keep\r\n"
    expected = b"\xef\xbb\xbfimport anyio\r\n\r\n\r\nasync def f():\r\n\tawait anyio.sleep(1)  # keep\r\n"
    write(f"{proj}/pkg/good.py", good, 0o755)
    write(f"{proj}/pkg/binary.py", b"import asyncio\x00\x01\x02")
    write(f"{proj}/pkg/latin1.py", b"import asyncio\n# caf\xe9\nasyncio.run(main())\n")
    broken = b"import asyncio\n\nasync def f(:\n    await asyncio.sleep(1)\n"
    write(f"{proj}/pkg/broken.py", broken)
    write(f"{proj}/ignored/skip.py", b"import asyncio\nasyncio.run(main())\n")
    write(f"{proj}/.gitignore", b"ignored/\n")
    write(f"{proj}/.venv/lib/x.py", b"import asyncio\nasyncio.run(main())\n")
    write(f"{proj}/.venv/pyvenv.cfg", b"home = /usr\n")
    untouched = {p: read(f"{proj}/{p}") for p in ("pkg/binary.py", "pkg/latin1.py", "pkg/broken.py",
                                                   "ignored/skip.py", ".venv/lib/x.py")}

    chk = run([args.anymig, "check", proj])
    r.check("check exits 2 when files cannot be read", chk.returncode == 2, chk.stdout + chk.stderr)
    r.check("check lists the fixable site", "good.py:5:8: AM101 [fixable]" in chk.stdout, chk.stdout)
    r.check("check names the binary file", "binary.py: binary file" in chk.stderr, chk.stderr)
    r.check("check names the non-UTF-8 file and position", "latin1.py: not valid UTF-8 (line 2, column 6)" in chk.stderr,
            chk.stderr)
    r.check("ignored and venv files are not walked", "skip.py" not in chk.stdout + chk.stderr and
            "x.py" not in chk.stdout, chk.stdout)

    diff = run([args.anymig, "migrate", "--diff", proj])
    r.check("--diff prints a diff", "-\tawait asyncio.sleep(1)  # keep\n+\tawait anyio.sleep(1)  # keep\n" in diff.stdout,
            diff.stdout)
    r.check("--diff writes nothing", read(f"{proj}/pkg/good.py") == good)

    mig = run([args.anymig, "migrate", proj])
    r.check("migrate exits 1 when some files had errors", mig.returncode == 1, mig.stderr)
    r.check("the good file is migrated byte-exactly (BOM, CRLF, tab, comment)", read(f"{proj}/pkg/good.py") == expected,
            repr(read(f"{proj}/pkg/good.py")))
    r.check("permissions are kept", stat.S_IMODE(os.stat(f"{proj}/pkg/good.py").st_mode) == 0o755)
    for p, data in untouched.items():
        r.check(f"{p} is byte-identical", read(f"{proj}/{p}") == data)
    r.check("the syntax error is reported with its line",
            "skipped" in mig.stderr and "broken.py: syntax error at line 3" in mig.stderr, mig.stderr)
    leftovers = [f for f in os.listdir(f"{proj}/pkg") if ".anymig-" in f]
    r.check("no temporary files are left", not leftovers, str(leftovers))

    again = run([args.anymig, "migrate", "--diff", proj])
    r.check("a second run changes nothing", again.stdout == "" and "files changed:   0" in again.stderr, again.stderr)

    clean = os.path.join(work, "clean")
    write(f"{clean}/a.py", b"import asyncio\n\nasync def f():\n    await asyncio.sleep(0)\n")
    r.check("check exits 1 while legacy sites remain", run([args.anymig, "check", clean]).returncode == 1)
    run([args.anymig, "migrate", clean])
    after = run([args.anymig, "check", clean])
    r.check("check exits 0 once none remain", after.returncode == 0 and after.stdout == "", after.stdout + after.stderr)
    r.check("usage errors exit 2", run([args.anymig, "check", "--no-such-option", clean]).returncode == 2)
    bad_rule = run([args.anymig, "check", "--select", "AM999x", clean])
    r.check("an unknown rule is a usage error naming it", bad_rule.returncode == 2 and "AM999x" in bad_rule.stderr,
            bad_rule.stderr)
    missing = run([args.anymig, "check", os.path.join(work, "nope")])
    r.check("a missing path is an error naming it", missing.returncode == 2 and "nope: no such file" in missing.stderr,
            missing.stderr)
    r.finish()


if __name__ == "__main__":
    main()
