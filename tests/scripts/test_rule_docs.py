"""Rule docs and fixtures: every rule of the asyncio-to-anyio pack (as listed by `anymig rules`)
must have docs/rules/asyncio-to-anyio/<name>.md with the required sections, a title and
category line that agree with the rule's metadata, an example taken verbatim from its
fixtures, a row in the pack's README table, and a fixture directory
test-inputs/python/<name>/ with at least one complete case (<case>.py, <case>.expected.py,
<case>.expected.txt)."""
import os
import re

from common import Results, parse_args, run

PACK = "asyncio-to-anyio"
SECTIONS = [
    "## What it does",
    "## Why",
    "## Example",
    "## Flagged instead of rewritten",
    "## Fix safety",
    "## Target versions",
]
RULE_LINE = re.compile(r"^\s+(AM\d+)\s+(\S+)\s+\[([^,\]]+), ([^\]]+)\]\s+(.*)$")


def pack_rules(anymig):
    """[(id, name, category, safety)] of the pack, parsed from `anymig rules`."""
    out = run([anymig, "rules"])
    if out.returncode != 0:
        raise SystemExit(f"anymig rules failed ({out.returncode}):\n{out.stderr}")
    rules, in_pack = [], False
    for line in out.stdout.splitlines():
        if not line.startswith(" "):
            in_pack = line.split(" ")[0] == PACK
            continue
        m = RULE_LINE.match(line)
        if in_pack and m:
            rules.append(m.groups()[:4])
    return rules


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read().replace("\r\n", "\n")


def python_blocks(section):
    return re.findall(r"^```python\n(.*?)^```$", section, re.S | re.M)


def check_page(path, rule_id, name, category, safety, fixture_dir):
    """Problems with one doc page (empty when it is fine)."""
    text = read(path)
    lines = text.split("\n")
    problems = []
    if lines[0] != f"# {rule_id} {name}":
        problems.append(f"first line is {lines[0]!r}, expected '# {rule_id} {name}'")
    category_line = next((l for l in lines[1:] if l.strip()), "")
    want = f"Category: {category} · Fix: {safety}"
    if category_line != want:
        problems.append(f"category line is {category_line!r}, expected {want!r}")
    headings = [l for l in lines if l.startswith("## ")]
    for s in SECTIONS:
        if s not in headings:
            problems.append(f"missing section {s!r}")
    order = [headings.index(s) for s in SECTIONS if s in headings]
    if order != sorted(order):
        problems.append("sections are not in the order " + ", ".join(SECTIONS))
    for s in SECTIONS:
        if s in headings:
            body = text.split(s + "\n", 1)[1].split("\n## ", 1)[0]
            if not body.strip():
                problems.append(f"section {s!r} is empty")
    # The example is the tool's real behaviour: its first two python blocks occur verbatim in
    # one fixture case, the first in the input and the second in that case's expected output.
    if "## Example" in headings and os.path.isdir(fixture_dir):
        section = text.split("## Example\n", 1)[1].split("\n## ", 1)[0]
        blocks = python_blocks(section)
        if len(blocks) < 2:
            problems.append("## Example needs a ```python before block and a ```python after block")
        else:
            before, after = blocks[0], blocks[1]
            found = False
            for case in fixture_cases(fixture_dir):
                src = read(os.path.join(fixture_dir, case + ".py"))
                exp = read(os.path.join(fixture_dir, case + ".expected.py"))
                if before in src + "\n" and after in exp + "\n":
                    found = True
                    break
            if not found:
                problems.append("## Example: the before/after blocks are not the input and expected output "
                                f"of any case in {fixture_dir}")
    return problems


def fixture_cases(fixture_dir):
    """Case names with an input, an expected output and expected diagnostics."""
    cases = []
    for f in sorted(os.listdir(fixture_dir)):
        if not f.endswith(".py") or f.endswith(".expected.py"):
            continue
        case = f[:-3]
        if all(os.path.isfile(os.path.join(fixture_dir, case + ext)) for ext in (".expected.py", ".expected.txt")):
            cases.append(case)
    return cases


def main():
    args = parse_args()
    docs = os.path.join(args.source, "docs", "rules", PACK)
    fixtures = os.path.join(args.source, "test-inputs", "python")
    results = Results()
    rules = pack_rules(args.anymig)
    results.check("anymig rules lists the pack", len(rules) > 0, f"no rules of {PACK} in `anymig rules`")
    readme = read(os.path.join(docs, "README.md")) if os.path.isfile(os.path.join(docs, "README.md")) else ""
    results.check("README.md exists", bool(readme), f"{docs}/README.md is missing")
    for rule_id, name, category, safety in rules:
        if args.k and args.k not in name:
            continue
        page = os.path.join(docs, name + ".md")
        fixture_dir = os.path.join(fixtures, name)
        if not os.path.isfile(page):
            results.check(f"{rule_id} {name}: doc page", False, f"missing {page}")
        else:
            problems = check_page(page, rule_id, name, category, safety, fixture_dir)
            results.check(f"{rule_id} {name}: doc page", not problems, "\n".join("  " + p for p in problems))
        row = re.search(rf"^\| {rule_id} \|.*\]\({re.escape(name)}\.md\)", readme, re.M)
        results.check(f"{rule_id} {name}: README row", bool(row),
                      f"README.md has no table row starting `| {rule_id} |` that links {name}.md")
        cases = fixture_cases(fixture_dir) if os.path.isdir(fixture_dir) else []
        results.check(f"{rule_id} {name}: fixtures", bool(cases),
                      f"no complete case (<case>.py, .expected.py, .expected.txt) in {fixture_dir}")
    # Nothing in the README links to a page that does not exist.
    for target in re.findall(r"\]\(([\w.-]+\.md)\)", readme):
        results.check(f"README link {target}", os.path.isfile(os.path.join(docs, target)),
                      f"README.md links {target}, which does not exist")
    results.finish()


if __name__ == "__main__":
    main()
