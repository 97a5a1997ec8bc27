"""--shard K/N and `anymig report --merge`: on a small copy of the bench corpus (bench/gen_corpus.py:
real asyncio modules, some with syntax errors), the N shards partition the files (disjoint,
complete, deterministic, balanced by size) and their merged reports equal the unsharded report
byte for byte (`check` and `migrate --diff`, dates pinned with SOURCE_DATE_EPOCH); the merge
refuses a missing, duplicated or foreign shard, and bad --shard values are usage errors."""
import difflib
import json
import os
import subprocess

from common import Results, fresh_dir, parse_args, run

ENV = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")


def anymig(args, *cmd, cwd):
    return run([args.anymig, *cmd], cwd=cwd, env=ENV, timeout=600)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def outcome_paths(report_path):
    return [o["path"] for o in json.loads(read(report_path))["shard"]["outcomes"]]


def main():
    args = parse_args()
    r = Results()
    work = fresh_dir(args.work)
    corpus = os.path.join(work, "corpus")
    gen = subprocess.run(["/usr/bin/python3", os.path.join(args.source, "bench", "gen_corpus.py"), corpus,
                          "--mb", "1", "--broken", "0.05", "--seed", "7"], capture_output=True, text=True)
    r.check("corpus generated", gen.returncode == 0, gen.stderr)
    os.makedirs(os.path.join(work, "out"))

    for command in (["check"], ["migrate", "--diff"]):
        name = command[0] + ("-diff" if len(command) > 1 else "")
        full = os.path.join("out", f"{name}-full.json")
        p = anymig(args, *command, "--no-cache", "corpus", "--report", full, cwd=work)
        r.check(f"{name}: unsharded run", p.returncode in (0, 1, 2) and os.path.exists(os.path.join(work, full)),
                p.stderr[-2000:])
        n = 3
        shards = []
        for k in range(1, n + 1):
            out = os.path.join("out", f"{name}-shard-{k}.json")
            p = anymig(args, *command, "corpus", "--shard", f"{k}/{n}", "--report", out, cwd=work)
            r.check(f"{name}: shard {k}/{n} runs", os.path.exists(os.path.join(work, out)), p.stderr[-2000:])
            shards.append(out)
        parts = [outcome_paths(os.path.join(work, s)) for s in shards]
        allpaths = [p for part in parts for p in part]
        r.check(f"{name}: shards are disjoint", len(allpaths) == len(set(allpaths)))
        listed = sorted(os.path.relpath(os.path.join(dp, f), work)
                        for dp, _, fs in os.walk(corpus) for f in fs if f.endswith(".py"))
        r.check(f"{name}: shards cover every file", sorted(allpaths) == listed,
                f"{len(allpaths)} in shards, {len(listed)} files")
        sizes = [sum(os.path.getsize(os.path.join(work, p)) for p in part) for part in parts]
        largest = max(os.path.getsize(os.path.join(work, p)) for p in listed)
        r.check(f"{name}: shards balanced by size (spread <= largest file)", max(sizes) - min(sizes) <= largest + 3,
                f"{sizes}, largest {largest}")
        merged = os.path.join("out", f"{name}-merged.json")
        p = anymig(args, "report", "--merge", *reversed(shards), "-o", merged, cwd=work)
        r.check(f"{name}: merge succeeds", p.returncode == 0, p.stderr)
        a, b = read(os.path.join(work, full)), read(os.path.join(work, merged))
        r.check(f"{name}: merged shards equal the unsharded report byte for byte", a == b,
                "\n".join(difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm=""))[:4000])

    # Deterministic: the same shard twice lists the same files.
    p1 = anymig(args, "check", "corpus", "--shard", "2/3", "--report", "out/again.json", cwd=work)
    r.check("the same shard gives the same files", outcome_paths(os.path.join(work, "out/again.json")) ==
            outcome_paths(os.path.join(work, "out/check-shard-2.json")), p1.stderr[-500:])

    # Refusals.
    p = anymig(args, "report", "--merge", "out/check-shard-1.json", "out/check-shard-3.json", "-o", "out/x.json",
               cwd=work)
    r.check("a missing shard is refused", p.returncode == 2 and "shard 2/3 is missing" in p.stderr, p.stderr)
    p = anymig(args, "report", "--merge", "out/check-shard-1.json", "out/check-shard-1.json",
               "out/check-shard-2.json", cwd=work)
    r.check("a shard given twice is refused", p.returncode == 2 and "shard 1/3 given twice" in p.stderr, p.stderr)
    p = anymig(args, "report", "--merge", "out/check-shard-1.json", "out/migrate-diff-shard-2.json",
               "out/check-shard-3.json", cwd=work)
    r.check("a shard of another run is refused", p.returncode == 2 and "belongs to another run" in p.stderr, p.stderr)
    p = anymig(args, "report", "--merge", "out/check-full.json", cwd=work)
    r.check("an unsharded report is refused", p.returncode == 2 and "not a shard report" in p.stderr, p.stderr)
    for bad in ("0/3", "4/3", "x/3", "3"):
        p = anymig(args, "check", "corpus", "--shard", bad, cwd=work)
        r.check(f"--shard {bad} is a usage error", p.returncode == 2 and "--shard" in p.stderr, p.stderr)
    r.finish()


if __name__ == "__main__":
    main()
