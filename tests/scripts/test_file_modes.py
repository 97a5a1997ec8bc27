"""Files anymig creates (JSON reports, rendered reports, plans and their state, baselines,
SARIF, exported fixes) get the mode the umask gives, as any file the user creates; files it
migrates keep their own mode. Run under umask 022 and 027."""
import os
import stat
import subprocess

from common import Results, fresh_dir, parse_args

MOD = '''import asyncio


async def main():
    await asyncio.sleep(1)
'''


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def run_with_umask(cmd, cwd, mask):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: os.umask(mask))


def one_umask(results, anymig, work, mask):
    proj = fresh_dir(os.path.join(work, f"umask-{mask:03o}"))
    os.makedirs(os.path.join(proj, "pkg"))
    own = {"pkg/a.py": 0o600, "pkg/b.py": 0o755}
    for name, m in own.items():
        with open(os.path.join(proj, name), "w") as f:
            f.write(MOD)
        os.chmod(os.path.join(proj, name), m)
    out = os.path.join(proj, "out")  # created by anymig too (the directory of -o)
    steps = [
        ["check", "pkg", "--format", "sarif", "-o", "out/check.sarif"],
        ["check", "pkg", "--baseline", "out/baseline.json", "--update-baseline"],
        ["check", "pkg", "--export-fixes", "out/fixes.yaml", "--report", "out/check-report.json"],
        ["plan", "pkg", "-o", "out/plan.json"],
        ["migrate", "--plan", "out/plan.json", "--batch", "1", "--report", "out/migrate-report.json"],
        ["report", "out/migrate-report.json", "-f", "html", "-o", "out/report.html"],
    ]
    for args in steps:
        r = run_with_umask([anymig, *args, "--no-progress"] if args[0] != "report" else [anymig, *args], proj, mask)
        results.check(f"umask {mask:03o}: anymig {' '.join(args)} runs", r.returncode in (0, 1),
                      f"exit {r.returncode}\n{r.stderr}")
    want_file = 0o666 & ~mask
    created = sorted(os.listdir(out))
    expected = ["baseline.json", "check-report.json", "check.sarif", "fixes.yaml", "migrate-report.json",
                "plan.json", "plan.state.json", "report.html"]
    results.check(f"umask {mask:03o}: the files anymig created", created == expected, f"{created}")
    got = {name: oct(mode(os.path.join(out, name))) for name in created}
    results.check(f"umask {mask:03o}: created files are {want_file:04o}",
                  got == {name: oct(want_file) for name in expected}, f"{got}")
    results.check(f"umask {mask:03o}: the -o directory is {0o777 & ~mask:04o}",
                  mode(out) == 0o777 & ~mask, oct(mode(out)))
    for name, m in own.items():
        with open(os.path.join(proj, name)) as f:
            migrated = "anyio.sleep(1)" in f.read()
        results.check(f"umask {mask:03o}: migrated {name} keeps mode {m:04o}",
                      migrated and mode(os.path.join(proj, name)) == m, oct(mode(os.path.join(proj, name))))


def main():
    args = parse_args()
    results = Results()
    fresh_dir(args.work)
    for mask in (0o022, 0o027):
        one_umask(results, args.anymig, args.work, mask)
    results.finish()


if __name__ == "__main__":
    main()
