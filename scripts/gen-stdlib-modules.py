#!/usr/bin/python3
"""Writes matchers/python/stdlib_modules.cpp: the standard library's top-level module names as
isort classifies them (isort.stdlibs.py3 from Debian's python3-isort, plus this interpreter's
sys.stdlib_module_names). Run with Debian's /usr/bin/python3 from the repository root."""
import sys

from isort.stdlibs import py3

names = sorted(set(py3.stdlib) | set(sys.stdlib_module_names))
out = [
    "// The standard library's top-level module names, as isort classifies them: the union of",
    "// isort's own Python 3 list (isort.stdlibs.py3) and CPython 3.11's sys.stdlib_module_names.",
    "// Regenerate with scripts/gen-stdlib-modules.py.",
    '#include "matchers/python/import_style.h"',
    "",
    "namespace anymig::python {",
    "",
    "const std::set<std::string, std::less<>>& standardLibraryModules() {",
    "    static const std::set<std::string, std::less<>> names{",
]
line = "       "
for n in names:
    item = f' "{n}",'
    if len(line) + len(item) > 100:
        out.append(line)
        line = "       "
    line += item
out.append(line)
out += ["    };", "    return names;", "}", "", "}  // namespace anymig::python", ""]
with open("matchers/python/stdlib_modules.cpp", "w") as f:
    f.write("\n".join(out))
