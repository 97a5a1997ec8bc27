"""Function length: no function or lambda body in rewrites/, matchers/ or reports/ is over 60 lines
unless the comment right above it starts its reason with "Long on purpose:" (issue 8's rule:
a rule, matcher or report function is small enough to read at once, or says why it is not).

The scanner blanks comments, string and raw-string literals and character literals, then pairs
braces with a stack; a brace opens a function body when the text before it ends with a
parameter list (optionally followed by const, override, noexcept, mutable or a trailing return
type) and is not an if/for/while/switch/catch head. The long functions it finds are printed
with their length, so a failure says exactly which body to split.
"""
import os
import re

from common import Results, parse_args

LAYERS = ["rewrites", "matchers", "reports"]
LIMIT = 60
MARKER = "Long on purpose:"
RAW_OPEN = re.compile(r'R"([^(\s]*)\(')
FUNCTION_TAIL = re.compile(r"\)\s*(const|override|noexcept|mutable|final|\s|->\s*[\w:<>,\s*&]+)*$")
CONTROL_HEAD = re.compile(r"\b(if|for|while|switch|catch)\s*\([^;{}]*\)\s*$")


def blank(text):
    """Same length and line breaks, with comments and literals replaced by spaces."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif c == "R" and RAW_OPEN.match(text, i) and not (i and (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = RAW_OPEN.match(text, i)
            end = ")" + m.group(1) + '"'
            j = text.find(end, m.end())
            j = n if j < 0 else j + len(end)
        elif c == '"' or (c == "'" and not (i and text[i - 1].isalnum())):
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
        else:
            out.append(c)
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", text[i:j]))
        i = j
    return "".join(out)


def long_bodies(text):
    """(first line, line count) of every function or lambda body over LIMIT lines."""
    code = blank(text)
    found, stack = [], []
    for m in re.finditer(r"[{}]", code):
        if m.group() == "{":
            before = code[max(0, m.start() - 300):m.start()].rstrip()
            stack.append((m.start(), bool(FUNCTION_TAIL.search(before)) and not CONTROL_HEAD.search(before)))
        elif stack:
            start, is_function = stack.pop()
            first = code.count("\n", 0, start) + 1
            count = code.count("\n", start, m.start()) + 1
            if is_function and count > LIMIT:
                found.append((first, count))
    return found


def has_reason(lines, first):
    """The marker in the comment block that ends within the 8 lines above the body's brace."""
    for k in range(first - 1, max(0, first - 9), -1):
        if lines[k - 1].strip().startswith("//") and MARKER in lines[k - 1]:
            return True
    return False


def main():
    args = parse_args()
    results = Results()
    offending, excused, files = [], [], 0
    for layer in LAYERS:
        for root, _, names in os.walk(os.path.join(args.source, layer)):
            for name in sorted(names):
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(root, name)
                rel = os.path.relpath(path, args.source)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                files += 1
                lines = text.split("\n")
                for first, count in long_bodies(text):
                    entry = f"{rel}:{first}: {count} lines: {lines[first - 1].strip()}"
                    (excused if has_reason(lines, first) else offending).append(entry)
    results.check("the scanner sees a known long body (Engine::collect, which says why)",
                  any(e.startswith("matchers/cpp/engine.cpp:") for e in excused), "\n".join(excused))
    results.check(f"no body over {LIMIT} lines without '{MARKER}' in {', '.join(LAYERS)} ({files} files)",
                  not offending, "\n".join(offending))
    results.finish()


if __name__ == "__main__":
    main()
