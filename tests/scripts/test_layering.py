"""Layering: core/, matchers/, reports/ and tool/ name no pack and no library a pack migrates.

The words are the packs' names (from `anymig rules --format json`) and every library the two
packs know (legacy, target, and the test tools the Python pack reads). A line naming one fails
the test unless it is one of the few places listed below, each with the reason it may: the
composition roots that read a pack's descriptor, and data about a language that happens to hold
a library's name. Comments count: an example in a comment uses neutral names (pkg, lib).
"""
import json
import os
import re

from common import Results, parse_args, run

LAYERS = ["core", "matchers", "reports", "tool"]
WORDS = ["asyncio", "anyio", "trio", "pytest", "boost"]

# (path, regex of the allowed line, why it may name a pack or library)
ALLOWED = [
    ("tool/main.cpp", r'rewrites/asyncio_to_anyio/pack\.h"|asyncio_to_anyio::descriptor\(\)',
     "the CLI's composition root registers the Python pack's descriptor"),
    ("matchers/cpp/module.cpp", r'rewrites/boost_thread_to_std/pack\.h"|boost_thread_to_std::descriptor\(\)',
     "the C/C++ module's entry point registers the Boost pack's descriptor"),
    ("matchers/cpp/tidy_module.cpp", r".*",
     "the clang-tidy plugin is the Boost pack as clang-tidy checks: its composition root"),
    ("matchers/python/stdlib_modules.cpp", r'"_?asyncio"',
     "the list of CPython's standard-library modules (isort's sections): data about the language"),
    ("core/discovery.cpp", r'"\.pytest_cache"',
     "a tool's cache directory that discovery never walks into, with .mypy_cache and .ruff_cache"),
]


def main():
    args = parse_args()
    results = Results()
    packs = json.loads(run([args.anymig, "rules", "--format", "json"]).stdout)
    words = WORDS + [p["name"] for p in packs]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    results.check("the Python pack is among the packs read", any(p["name"] == "asyncio-to-anyio" for p in packs),
                  json.dumps([p["name"] for p in packs]))
    used = set()
    offending = []
    files = 0
    for layer in LAYERS:
        for root, _, names in os.walk(os.path.join(args.source, layer)):
            for name in sorted(names):
                if not name.endswith((".cpp", ".h", ".cmake", ".txt")):
                    continue
                path = os.path.join(root, name)
                rel = os.path.relpath(path, args.source)
                files += 1
                with open(path, encoding="utf-8") as f:
                    for n, line in enumerate(f, 1):
                        if not pattern.search(line):
                            continue
                        allowed = [i for i, (p, rx, _) in enumerate(ALLOWED) if p == rel and re.search(rx, line)]
                        if allowed:
                            used.update(allowed)
                        else:
                            offending.append(f"{rel}:{n}: {line.strip()}")
    results.check(f"no pack or library named in {', '.join(LAYERS)} ({files} files)", not offending,
                  "\n".join(offending))
    for i, (p, rx, why) in enumerate(ALLOWED):
        results.check(f"allowance still needed: {p} ({why})", i in used,
                      "nothing matches it any more: remove it from ALLOWED")
    results.finish()


if __name__ == "__main__":
    main()
