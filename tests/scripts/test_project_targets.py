"""Target versions from the project, visibly, and `migrate --add-dependency`.

Each case is a project folder (a `.git` marks its root) with one declaration style and a module
that `migrate` gives its first anyio import. The summary's `targets:` line must name the target
versions and exactly where each came from (PEP 621, Poetry, setup.cfg, a literal setup.py,
requirements*.txt, uv.lock / poetry.lock, the default); `--add-dependency` must add `anyio>=X` to
the declaration byte for byte as expected (other bytes kept, the file's line endings kept), say
when anyio is already declared, and fail naming the reason when the project has no declaration it
can edit. The JSON report carries the same targets."""
import json
import os

from common import Results, fresh_dir, parse_args, run

APP = "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(0)\n"

# name: (files, expected `targets:` line, expected add-dependency line, exit code, {file: text after})
CASES = {
    "pep621_multiline": (
        {"pyproject.toml": '[project]\nname = "demo"\nrequires-python = ">=3.9"\ndependencies = [\n'
                           '    "httpx>=0.23",  # client\n    "click"\n]\n'},
        'anyio 4.0 (default), python 3.9 (pyproject.toml [project] requires-python: ">=3.9")',
        "anymig: added anyio>=4.0 to pyproject.toml", 0,
        {"pyproject.toml": '[project]\nname = "demo"\nrequires-python = ">=3.9"\ndependencies = [\n'
                           '    "httpx>=0.23",  # client\n    "click",\n    "anyio>=4.0"\n]\n'}),
    "pep621_trailing_comma": (
        {"pyproject.toml": '[project]\ndependencies = [\n  "httpx",\n  "click",  # cli\n]\n'},
        "anyio 4.0 (default), python 3.8 (default)",
        "anymig: added anyio>=4.0 to pyproject.toml", 0,
        {"pyproject.toml": '[project]\ndependencies = [\n  "httpx",\n  "click",  # cli\n  "anyio>=4.0",\n]\n'}),
    "pep621_inline": (
        {"pyproject.toml": "[project]\nname = 'demo'\ndependencies = ['httpx>=0.23']\n"},
        "anyio 4.0 (default), python 3.8 (default)",
        "anymig: added anyio>=4.0 to pyproject.toml", 0,
        {"pyproject.toml": "[project]\nname = 'demo'\ndependencies = ['httpx>=0.23', 'anyio>=4.0']\n"}),
    "pep621_empty": (
        {"pyproject.toml": '[project]\nname = "demo"\ndependencies = []\n'},
        "anyio 4.0 (default), python 3.8 (default)",
        "anymig: added anyio>=4.0 to pyproject.toml", 0,
        {"pyproject.toml": '[project]\nname = "demo"\ndependencies = ["anyio>=4.0"]\n'}),
    "pep621_declared": (
        {"pyproject.toml": '[project]\nname = "demo"\ndependencies = ["anyio>=3.6,<5", "anyio-extras>=9"]\n'},
        'anyio 3.6 (pyproject.toml [project] dependencies: "anyio>=3.6,<5"), python 3.8 (default)',
        'anymig: --add-dependency: anyio is already declared (pyproject.toml [project] dependencies: "anyio>=3.6,<5")',
        0, {}),
    "poetry": (
        {"pyproject.toml": '[tool.poetry]\nname = "demo"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n'
                           'httpx = {version = "^0.23", optional = true}\n\n[tool.poetry.group.dev.dependencies]\n'
                           'pytest = "^7"\n'},
        'anyio 4.0 (default), python 3.10 (pyproject.toml [tool.poetry.dependencies] python = "^3.10")',
        "anymig: added anyio>=4.0 to pyproject.toml", 0,
        {"pyproject.toml": '[tool.poetry]\nname = "demo"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n'
                           'httpx = {version = "^0.23", optional = true}\nanyio = ">=4.0"\n\n'
                           '[tool.poetry.group.dev.dependencies]\npytest = "^7"\n'}),
    "poetry_declared": (
        {"pyproject.toml": '[tool.poetry.dependencies]\npython = "~3.11"\nanyio = {version = "^4.1"}\n'},
        'anyio 4.1 (pyproject.toml [tool.poetry.dependencies] anyio = "^4.1"), '
        'python 3.11 (pyproject.toml [tool.poetry.dependencies] python = "~3.11")',
        'anymig: --add-dependency: anyio is already declared (pyproject.toml [tool.poetry.dependencies] anyio = "^4.1")',
        0, {}),
    "setup_cfg": (
        {"setup.cfg": "[metadata]\nname = demo\n\n[options]\npython_requires = >=3.8\ninstall_requires =\n"
                      "    httpx\n    anyio>=4.2\n"},
        "anyio 4.2 (setup.cfg [options] install_requires: anyio>=4.2), "
        "python 3.8 (setup.cfg [options] python_requires: >=3.8)",
        "anymig: --add-dependency: anyio is already declared (setup.cfg [options] install_requires: anyio>=4.2)", 0, {}),
    "setup_cfg_only": (
        {"setup.cfg": "[options]\ninstall_requires =\n    httpx\n"},
        "anyio 4.0 (default), python 3.8 (default)",
        "anymig: error: --add-dependency: no pyproject.toml [project] dependencies, [tool.poetry.dependencies] or "
        "requirements.txt in . (setup.cfg and setup.py are not edited); add anyio>=4.0 by hand", 1, {}),
    "setup_py": (
        {"setup.py": 'from setuptools import setup\n\nsetup(\n    name="demo",\n    python_requires=">=3.10",\n'
                     '    install_requires=["anyio>=3.7", "httpx"],\n)\n'},
        'anyio 3.7 (setup.py setup(install_requires=[..."anyio>=3.7"...])), '
        'python 3.10 (setup.py setup(python_requires=">=3.10"))',
        'anymig: --add-dependency: anyio is already declared (setup.py setup(install_requires=[..."anyio>=3.7"...]))',
        0, {}),
    "requirements": (
        {"requirements.txt": "# runtime\nhttpx>=0.23\n-r requirements-base.txt\n",
         "requirements-dev.txt": "anyio >= 4.3 ; python_version >= '3.8'\n"},
        "anyio 4.3 (requirements-dev.txt line 1: anyio >= 4.3), python 3.8 (default)",
        "anymig: --add-dependency: anyio is already declared (requirements-dev.txt line 1: anyio >= 4.3)", 0, {}),
    "requirements_crlf": (
        {"requirements.txt": "httpx>=0.23\r\nclick"},
        "anyio 4.0 (default), python 3.8 (default)",
        "anymig: added anyio>=4.0 to requirements.txt", 0,
        {"requirements.txt": "httpx>=0.23\r\nclick\r\nanyio>=4.0\r\n"}),
    "uv_lock": (
        {"pyproject.toml": '[project]\nname = "demo"\ndependencies = ["httpx"]\n',
         "uv.lock": 'version = 1\n\n[[package]]\nname = "anyio"\nversion = "4.4.0"\n'},
        "anyio 4.4 (uv.lock: anyio 4.4.0 (locked)), python 3.8 (default)",
        "anymig: added anyio>=4.4 to pyproject.toml", 0,
        {"pyproject.toml": '[project]\nname = "demo"\ndependencies = ["httpx", "anyio>=4.4"]\n'}),
    "poetry_lock": (
        {"poetry.lock": '[[package]]\nname = "anyio"\nversion = "3.7.1"\n',
         "requirements.txt": "httpx\n"},
        "anyio 3.7 (poetry.lock: anyio 3.7.1 (locked)), python 3.8 (default)",
        "anymig: added anyio>=3.7 to requirements.txt", 0,
        {"requirements.txt": "httpx\nanyio>=3.7\n"}),
    "nothing": (
        {},
        "anyio 4.0 (default), python 3.8 (default)",
        "anymig: error: --add-dependency: no dependency declaration was found; add anyio>=4.0 by hand", 1, {}),
}


def write(d, files):
    os.makedirs(os.path.join(d, ".git"), exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(d, name), "w", newline="") as f:
            f.write(text)


def lines_with(text, *words):
    return [line for line in text.splitlines() if any(w in line for w in words)]


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    results = Results()
    for name, (files, targets, added, code, after) in CASES.items():
        if args.k not in name:
            continue
        d = os.path.join(work, name)
        write(d, dict(files, **{"app.py": APP}))
        mig = run([args.anymig, "migrate", "--add-dependency", "app.py"], cwd=d)
        got = (mig.returncode, lines_with(mig.stderr, "targets:"), lines_with(mig.stderr, "--add-dependency", "added "))
        want = (code, ["  targets: " + targets], [added])
        results.check(f"{name}: targets and --add-dependency", got == want, f"got {got}\nwant {want}\n{mig.stderr}")
        for fname, text in files.items():
            with open(os.path.join(d, fname), newline="") as f:
                now = f.read()
            results.check(f"{name}: {fname} after", now == after.get(fname, text), repr(now))
    if "flags" in args.k or not args.k:
        # The command line and [tool.anymig] win, and say so; check prints the same line.
        d = os.path.join(work, "flags")
        write(d, {"pyproject.toml": '[project]\ndependencies = ["anyio>=3.6"]\n\n[tool.anymig]\ntarget-python = "3.11"\n',
                  "app.py": APP})
        chk = run([args.anymig, "check", "--target-anyio", "4.2", "app.py"], cwd=d)
        want = ["  targets: anyio 4.2 (--target-anyio), python 3.11 (pyproject.toml [tool.anymig])"]
        results.check("flags: check names the command line and [tool.anymig]",
                      lines_with(chk.stderr, "targets:") == want, chk.stderr)
        rep = run([args.anymig, "migrate", "--diff", "--report", "r.json", "app.py"], cwd=d)
        with open(os.path.join(d, "r.json")) as f:
            report = json.load(f)
        want_json = [{"option": "target-anyio", "name": "anyio", "value": "3.6",
                      "source": 'pyproject.toml [project] dependencies: "anyio>=3.6"'},
                     {"option": "target-python", "name": "python", "value": "3.11", "source": "pyproject.toml [tool.anymig]"}]
        results.check("flags: the report carries the targets", report.get("targets") == want_json,
                      json.dumps(report.get("targets")) + rep.stderr)
    if "broken" in args.k or not args.k:
        # A declaration file that cannot be read is named; the run goes on with the defaults.
        d = os.path.join(work, "broken")
        write(d, {"setup.cfg": "[options\ninstall_requires = anyio>=4.2\n", "app.py": APP})
        mig = run([args.anymig, "migrate", "app.py"], cwd=d)
        want = ["anymig: warning: setup.cfg:1: not valid INI; the project's dependency declarations are not read"]
        results.check("broken: the file is named, the run goes on",
                      lines_with(mig.stderr, "warning") == want and mig.returncode == 0
                      and lines_with(mig.stderr, "targets:") == ["  targets: anyio 4.0 (default), python 3.8 (default)"],
                      mig.stderr)
    results.finish()


if __name__ == "__main__":
    main()
