"""The piecewise run of huge modules (core/piecewise.h) against the whole-module run: with the
threshold lowered (ANYMIG_PIECEWISE_BYTES) each module below is migrated and checked both ways
(ANYMIG_PIECEWISE_BYTES=0: never piecewise), and everything must be byte-identical: the migrated
file, the exit status, stdout and stderr (but for the trace lines). The trace
(ANYMIG_PIECEWISE_TRACE) must say what each case expects: cut into pieces, or left to the
whole-module run for the named reason (a fact that crosses pieces), so no case passes without
having taken the path it is about. The simplest shape is also compared with its exact expected
text."""
import os

from common import Results, fresh_dir, parse_args, read, run, write

HEAD = "import asyncio\n\n\nasync def main(delay):\n"
UNIT = ("    await asyncio.sleep({i})\n"
        "    total_0 = compute(total_0, step={i}, label='ordinary statement')\n"
        "    total_1 = compute(total_1, step=1)\n")


def units(n, unit=UNIT):
    return "".join(unit.format(i=i) for i in range(n))


# (name, module text, expected trace: "pieces" or the start of the reason it is left whole)
CASES = [
    ("issue_shape", HEAD + units(120), "pieces"),
    ("dense_shape", HEAD + units(400, "    await asyncio.sleep({i})  # s\n"), "pieces"),
    ("nested_blocks_comments_strings", HEAD + units(30) +
     "    if delay:\n        for k in range(3):\n            await asyncio.sleep(k)\n"
     "        else:\n            pass\n    # a comment at the cut\n\n"
     "    total_0 = '''\nawait asyncio.sleep(9)\n    x = 1\n'''\n"
     "    total_1 = (1 +\n  2)\n    total_0 = \\\n        3\n"
     "    try:\n        await asyncio.sleep(1)\n    except ValueError:\n        pass\n    finally:\n"
     "        total_1 = 0\n" + units(30) +
     "    @decorate\n    async def inner():\n        await asyncio.sleep(2)\n" + units(30), "pieces"),
    ("class_method_body", "import asyncio\n\n\nclass Service:\n    x = 1\n\n    async def run(self, delay):\n" +
     units(60).replace("\n    ", "\n        ").replace("    await", "        await", 1) + "\n    def other(self):\n"
     "        return 1\n", "pieces"),
    ("tail_with_other_rule", HEAD + units(60) + "\n\nif __name__ == '__main__':\n    asyncio.run(main(1))\n",
     "whole module (a site of"),
    ("create_task_in_a_piece", HEAD + units(30) + "    task = asyncio.create_task(work())\n" + units(30) +
     "    await task\n", "whole module (a site of"),
    ("name_bound_in_another_piece", HEAD + "    pause = 1\n" + units(60) + "    await asyncio.sleep(pause)\n",
     "whole module (a name would resolve differently"),
    ("local_anyio_in_a_piece", HEAD + units(60) + "    anyio = None\n", "whole module (a name would resolve"),
    # pieces without a site add nothing to the import rule's facts: neutral (see piecewise.cpp)
    ("pieces_without_sites", HEAD + units(30) + "".join(f"    total_0 = compute({i})  # asyncio\n" for i in range(200)) +
     units(3), "pieces"),
    ("only_the_last_piece_has_sites", HEAD + "".join(f"    total_0 = compute({i})\n" for i in range(200)) + units(2),
     "pieces"),
    ("no_site_at_all", HEAD + "".join(f"    total_0 = compute({i})  # asyncio\n" for i in range(200)), "pieces"),
    ("import_in_a_piece", HEAD + units(30) + "    import asyncio as aio\n" + units(30),
     "whole module (the pieces' scope"),
    ("dunder_all", "__all__ = ['main']\n" + HEAD + units(60), "whole module (the front end does not cut"),
    ("nested_def_used_across_pieces", HEAD + "    async def helper():\n        return 1\n" + units(60) +
     "    await helper()\n", "whole module (a name would resolve"),
    ("sleep_with_result_kept", HEAD + units(60) + "    value = await asyncio.sleep(1, 'r')\n",
     "whole module (the pieces edit the head or tail differently"),
    ("global_in_scope", HEAD + "    global total_9\n" + units(60), "whole module (the pieces' scope"),
    ("syntax_error_in_a_piece", HEAD + units(60) + "    total_0 = (1 +\n" + units(2), "whole module"),
    ("head_larger_than_a_piece", "import asyncio\n\n" + "".join(f"CONSTANT_{i} = {i}\n" for i in range(40)) +
     "\n\nasync def main(delay):\n" + units(120), "whole module (the front end does not cut"),
    ("crlf_line_endings", (HEAD + units(120)).replace("\n", "\r\n"), "whole module (the front end does not cut"),
    ("module_level_only", "import asyncio\n" + "".join(f"asyncio.sleep({i})\n" for i in range(300)),
     "whole module (the front end does not cut"),
]

THRESHOLD = "600"  # bytes: every case above is several pieces of ~150 bytes


def env(threshold):
    e = dict(os.environ)
    e["ANYMIG_PIECEWISE_BYTES"] = threshold
    e["ANYMIG_PIECEWISE_TRACE"] = "1"
    return e


def strip_trace(text):
    """stderr without the trace and the run's time."""
    return "".join(line for line in text.splitlines(True)
                   if not line.startswith("piecewise: ") and not line.startswith("  time: "))


def traces(text):
    return [line[len("piecewise: "):] for line in text.splitlines() if line.startswith("piecewise: ")]


def one_way(anymig, work, name, text, threshold, command):
    folder = os.path.join(work, f"{name}-{threshold}-{command}")
    path = os.path.join(folder, "mod.py")
    write(path, text.encode())
    p = run([anymig, command, "--no-cache", "-j", "1", "mod.py"], cwd=folder, env=env(threshold))
    return p.returncode, p.stdout, strip_trace(p.stderr), read(path), traces(p.stderr)


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    res = Results()
    for name, text, expected in CASES:
        if args.k and args.k not in name:
            continue
        for command in ("migrate", "check"):
            whole = one_way(args.anymig, work, name, text, "0", command)
            piecewise = one_way(args.anymig, work, name, text, THRESHOLD, command)
            said = piecewise[4][-1] if piecewise[4] else ""
            res.check(f"{name} {command}: trace says '{expected}'",
                      said.startswith("mod.py: " + expected) or (expected == "pieces" and said.endswith(" pieces")),
                      f"trace: {piecewise[4]}")
            res.check(f"{name} {command}: no trace with the threshold at 0", whole[4] == [], f"{whole[4]}")
            for k, what in enumerate(("exit status", "stdout", "stderr", "file")):
                res.check(f"{name} {command}: {what} identical", whole[k] == piecewise[k],
                          f"whole:\n{whole[k]!r:.2000}\npiecewise:\n{piecewise[k]!r:.2000}")
    if not args.k or "issue_shape" in args.k:
        text = CASES[0][1]
        _, _, _, migrated, _ = one_way(args.anymig, work, "exact", text, THRESHOLD, "migrate")
        res.check("issue_shape: migrated to the exact expected text",
                  migrated == text.replace("asyncio", "anyio").encode())
    res.finish()


if __name__ == "__main__":
    main()
