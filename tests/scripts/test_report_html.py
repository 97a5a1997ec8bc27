"""The HTML report in a real browser: Debian's headless Chromium loads the page rendered by
`anymig report --format html`, the test checks the numbers and sections in the DOM, that the
page logs no console message (errors, CSP violations from external resources), and saves a
screenshot (WORK/report.png, WORK/batch1.png) with the test output."""
import html
import json
import os
import re
import shutil
import tempfile

from common import Results, fresh_dir, parse_args, run

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0"]
CONSOLE_RE = re.compile(r":CONSOLE(?:\(\d+\))?:?\d*\]? ?\"(.*)\", source: (.*)$|:CONSOLE[^\]]*\] (.*)$")

# A migrated line whose neighbours carry markup, so escaping is visible in the diff.
HOSTILE = '''import asyncio

BANNER = "</pre><script>document.title='pwned'</script><b>&amp;"


async def main():
    await asyncio.sleep(0.1)
'''


def chromium(url, work, extra):
    profile = tempfile.mkdtemp(prefix="chromium-", dir=work)
    try:
        r = run([CHROMIUM] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile] + extra + [url], timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
    return r, console


def dom_of(path, work):
    r, console = chromium("file://" + path, work, ["--dump-dom"])
    return r.returncode, r.stdout, console, r.stderr


def metric(dom, name):
    m = re.search(r'data-metric="%s"><span class="value">([^<]*)</span>' % re.escape(name), dom)
    return html.unescape(m.group(1)) if m else None


def bars(dom, svg_id):
    m = re.search(r'<svg id="%s".*?</svg>' % re.escape(svg_id), dom, re.S)
    if not m:
        return None
    return [(html.unescape(a), int(b)) for a, b in re.findall(r'<g class="bar" data-label="([^"]*)" data-value="(\d+)"', m.group(0))]


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    results = Results()

    # The console check itself: a page with a script error and an external image must be caught.
    bad = os.path.join(work, "bad.html")
    with open(bad, "w") as f:
        f.write('<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                'script-src \'unsafe-inline\'"><p>x</p><img src="http://198.51.100.1/x.png">'
                '<script>undefinedFunction();</script>')
    _, _, console, err = dom_of(bad, work)
    results.check("the console check sees a script error and a blocked external resource",
                  any("undefinedFunction" in c for c in console) and any("Content Security Policy" in c for c in console),
                  "\n".join(console) or err[-3000:])

    # --- a real batch workflow on a copy of the bundled example -------------------------------
    proj = os.path.join(work, "project")
    shutil.copytree(os.path.join(args.source, "examples", "asyncio-app"), proj,
                    ignore=shutil.ignore_patterns(".pytest_cache", "__pycache__"))
    os.makedirs(os.path.join(proj, ".git"), exist_ok=True)
    with open(os.path.join(proj, "src", "asyncio_app", "hostile & <odd>.py"), "w") as f:
        f.write(HOSTILE)
    plan = os.path.join(proj, "plan.json")
    r = run([args.anymig, "plan", ".", "--batch-size", "4", "-o", plan], cwd=proj)
    results.check("plan written", r.returncode == 0 and os.path.exists(plan), r.stdout + r.stderr)
    with open(plan) as f:
        nbatches = len(json.load(f)["batches"])
    reports = []
    for k in range(1, nbatches + 1):
        out = os.path.join(work, f"batch{k}.json")
        r = run([args.anymig, "migrate", "--plan", plan, "--batch", str(k), "--report", out], cwd=proj)
        results.check(f"batch {k} migrated with a report", r.returncode == 0 and os.path.exists(out), r.stderr[-2000:])
        with open(out) as f:
            reports.append(json.load(f))
    results.check("at least two batches", nbatches >= 2, str(nbatches))

    page = os.path.join(work, "report.html")
    r = run([args.anymig, "report"] + [os.path.join(work, f"batch{k}.json") for k in range(1, nbatches + 1)] +
            ["--format", "html", "-o", page])
    results.check("anymig report --format html", r.returncode == 0, r.stderr)
    with open(page) as f:
        source = f.read()
    results.check("self-contained: no external URL in src/href", not re.search(r'(src|href)\s*=\s*"(https?:|//)', source))

    code, dom, console, err = dom_of(page, work)
    results.check("Chromium loads the page", code == 0 and "<html" in dom, err[-3000:])
    results.check("no console messages", not console, "\n".join(console))
    results.check("the page's script ran", 'data-report-ready="' in dom)
    for section in ["overview", "charts", "progress", "scale", "patterns", "files", "not-migrated", "testing",
                    "verification", "remaining"]:
        results.check(f"section #{section} present", f'<section id="{section}">' in dom)

    # The numbers on the page are the reports' numbers.
    modified = {f["path"] for rep in reports for g in rep["groups"] for f in g["files"] if f["state"] == "changed"}
    edits = sum(rep["scale"]["edits"] for rep in reports)
    added = sum(rep["scale"]["lines_added"] for rep in reports)
    removed = sum(rep["scale"]["lines_removed"] for rep in reports)
    scanned = sum(rep["scale"]["files_scanned"] for rep in reports)
    results.check("files modified", metric(dom, "files_modified") == str(len(modified)), f"{metric(dom, 'files_modified')} vs {len(modified)}")
    results.check("edits", metric(dom, "edits") == f"{edits:,}", f"{metric(dom, 'edits')} vs {edits}")
    results.check("files scanned", metric(dom, "files_scanned") == f"{scanned:,}")
    results.check("lines", metric(dom, "lines") == f"+{added:,} / -{removed:,}", str(metric(dom, "lines")))
    results.check("syntax errors introduced is 0", metric(dom, "syntax_errors_introduced") == "0")
    want_bars = [(f"Batch {rep['batch']}", rep["scale"]["legacy_sites_remaining"] + rep["scale"]["legacy_sites_outside_batch"])
                 for rep in reports]
    results.check("chart: legacy sites remaining per batch", bars(dom, "chart-batches") == want_bars,
                  f"{bars(dom, 'chart-batches')} vs {want_bars}")
    last = reports[-1]
    remaining_now = last["scale"]["legacy_sites_remaining"] + last["scale"]["legacy_sites_outside_batch"]
    dir_bars = bars(dom, "chart-directories") or []
    results.check("chart: per directory adds up to what the last batch left", sum(v for _, v in dir_bars) == remaining_now,
                  f"{dir_bars} vs {remaining_now}")
    results.check("legacy sites card", metric(dom, "legacy_sites_remaining") == f"{remaining_now:,}",
                  f"{metric(dom, 'legacy_sites_remaining')} vs {remaining_now}")
    rows = re.findall(r"<tr><td>Batch (\w+)</td>", dom)
    results.check("progress table lists every batch in order", rows == [rep["batch"] for rep in reports], str(rows))
    results.check("every changed file has its diff", all(f'data-path="{html.escape(p)}"' in dom for p in modified)
                  and dom.count('<pre class="diff">') == len(modified), str(dom.count('<pre class="diff">')))
    # Escaping: the hostile file's text shows as text, and the page has exactly its own script.
    results.check("hostile text escaped in the diff",
                  "&lt;/pre&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;&amp;amp;" in dom)
    results.check("hostile file name escaped", "hostile &amp; &lt;odd&gt;.py" in dom)
    results.check("no injected script", dom.count("<script") == 1 and "<title>pwned" not in dom)

    # Screenshots to look at.
    for name, target in [("report.png", page)]:
        shot = os.path.join(work, name)
        r, console = chromium("file://" + target, work, ["--screenshot=" + shot, "--window-size=1280,2000"])
        results.check(f"screenshot {name}", r.returncode == 0 and os.path.getsize(shot) > 10000 if os.path.exists(shot) else False,
                      r.stderr[-2000:])
        results.check(f"no console messages while taking {name}", not console, "\n".join(console))
    print("screenshot:", os.path.join(work, "report.png"))

    # A single batch renders as a batch report with that batch's numbers.
    single = os.path.join(work, "batch1.html")
    run([args.anymig, "report", os.path.join(work, "batch1.json"), "--format", "html", "-o", single])
    code, dom1, console, err = dom_of(single, work)
    b1 = reports[0]
    results.check("single batch page loads cleanly", code == 0 and not console, "\n".join(console))
    results.check("single batch title", f"<h1>anymig report - batch {b1['batch']}</h1>" in dom1)
    results.check("single batch numbers", metric(dom1, "files_modified") == str(b1["scale"]["files_modified"]) and
                  metric(dom1, "edits") == str(b1["scale"]["edits"]), f"{metric(dom1, 'edits')} vs {b1['scale']['edits']}")
    results.finish()


if __name__ == "__main__":
    main()
