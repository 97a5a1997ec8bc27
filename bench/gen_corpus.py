#!/usr/bin/python3
"""Generates the dense benchmark corpus: real asyncio modules, at least 60 MB, about 5% of the
files with a syntax error (as real codebases have).

Seeds, all real code: CPython's asyncio package and its test suite (test_asyncio), the bundled
example application and the rule fixtures of this repository, plus as many plain (asyncio-free)
standard-library modules, so that about two thirds of the bytes mention asyncio. Each copy lives
in its own package (pkgNNN/), gets a header naming its variant and one generated service
module per package adds the common application shapes (locks, events, sleep, gather,
wait_for, create_task, queues). Deterministic: the same arguments give the same tree.

    bench/gen_corpus.py OUT_DIR [--mb 64] [--broken 0.05] [--seed 1]
"""
import argparse
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
STDLIB = "/usr/lib/python3.11"

SERVICE = '''"""Service {n}: a worker pool fed from a queue, with timeouts and a shutdown event."""
import asyncio
import logging

log = logging.getLogger(__name__)


class Service{n}:
    def __init__(self, workers={w}):
        self._lock = asyncio.Lock()
        self._stop = asyncio.Event()
        self._sem = asyncio.Semaphore(workers)
        self._workers = workers
        self.done = 0

    async def handle(self, item):
        async with self._sem:
            await asyncio.sleep({d})
            async with self._lock:
                self.done += 1
        return item * 2

    async def fetch(self, item, timeout={t}):
        try:
            return await asyncio.wait_for(self.handle(item), timeout)
        except asyncio.TimeoutError:
            log.warning("item %s timed out", item)
            return None

    async def run_batch(self, items):
        results = await asyncio.gather(*(self.fetch(i) for i in items))
        return [r for r in results if r is not None]

    async def serve(self):
        queue = asyncio.Queue()
        for i in range({q}):
            await queue.put(i)
        task = asyncio.create_task(self.run_batch(list(range({q}))))
        await self._stop.wait()
        return await task

    def stop(self):
        self._stop.set()


async def main():
    svc = Service{n}()
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, svc.stop)
    print(await svc.serve())


if __name__ == "__main__":
    asyncio.run(main())
'''

BROKEN_LINE = "value = compute(  # generated: an unclosed call, a syntax error\n"


def python_files(root, skip_expected=False):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if f.endswith(".py") and not (skip_expected and f.endswith(".expected.py")):
                out.append(os.path.join(dirpath, f))
    return out


def seeds():
    asyncio_files = (python_files(os.path.join(STDLIB, "asyncio")) +
                     python_files(os.path.join(STDLIB, "test", "test_asyncio")) +
                     python_files(os.path.join(REPO, "examples", "asyncio-app")) +
                     python_files(os.path.join(REPO, "test-inputs", "python"), skip_expected=True))
    plain = [p for p in python_files(STDLIB) if "/test/" not in p and "/asyncio/" not in p
             and "/site-packages/" not in p and "/dist-packages/" not in p]
    return asyncio_files, plain


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--mb", type=float, default=64.0)
    p.add_argument("--broken", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    rnd = random.Random(args.seed)
    asyncio_files, plain = seeds()
    async_texts = [(os.path.basename(f), read(f)) for f in asyncio_files]
    async_texts = [(n, t) for n, t in async_texts if b"\0" not in t]
    plain_bytes = sum(os.path.getsize(f) for f in plain)
    async_bytes = sum(len(t) for _, t in async_texts)
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    target = int(args.mb * 1e6)
    total = files = broken = 0
    pkg = 0
    while total < target:
        d = os.path.join(args.out, f"pkg{pkg:03d}")
        os.makedirs(d)
        batch = [(f"svc_{n}", t) for n, t in async_texts]
        # Plain modules: about half as many bytes as the asyncio ones, in a stable random pick.
        want = async_bytes // 2
        picked = 0
        order = list(plain)
        rnd.shuffle(order)
        for f in order:
            if picked >= want:
                break
            t = read(f)
            batch.append((f"lib_{os.path.basename(f)}", t))
            picked += len(t)
        service = SERVICE.format(n=pkg, w=rnd.randint(2, 16), d=rnd.choice(["0", "0.01", "0.1"]),
                                 t=rnd.choice(["1", "2.5", "10"]), q=rnd.randint(3, 50)).encode()
        batch.append(("service.py", service))
        used = set()
        for i, (name, text) in enumerate(batch):
            name = f"m{i:04d}_{name}"
            assert name not in used
            used.add(name)
            header = f"# generated corpus: package {pkg}, module {i}\n".encode()
            if text.startswith(b"#!") or text.startswith(b"# -*-") or text.startswith(b"# coding"):
                first, _, rest = text.partition(b"\n")
                text = first + b"\n" + header + rest
            else:
                text = header + text
            if rnd.random() < args.broken:
                lines = text.splitlines(keepends=True)
                at = rnd.randint(len(lines) // 3, max(len(lines) // 3, len(lines) - 1))
                lines.insert(at, BROKEN_LINE.encode())
                text = b"".join(lines)
                broken += 1
            with open(os.path.join(d, name), "wb") as f:
                f.write(text)
            total += len(text)
            files += 1
        pkg += 1
    print(f"{args.out}: {files} files, {total / 1e6:.1f} MB, {broken} with a syntax error "
          f"({100.0 * broken / files:.1f}%), {pkg} packages")


if __name__ == "__main__":
    main()
