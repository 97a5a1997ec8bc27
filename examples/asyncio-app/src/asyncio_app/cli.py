"""Command-line entry points (the seed's CLI files each ended in asyncio.run(main()))."""
import argparse
import asyncio

from asyncio_app import __version__
from asyncio_app import compat, fetch, plugins, procs, web, workers
from asyncio_app.legacy_loop import wait_for_signal
from asyncio_app.service import CacheService


async def show_version():
    print(f"asyncio-app {__version__} on {compat.backend_name()}")


async def main(args):
    await show_version()
    service = CacheService()
    await service.start()
    await service.put("alpha", 1)
    await service.put("beta", 2)
    print("cache:", await service.get("alpha"), await service.get("beta"), service.size())
    print("limited:", await service.run_limited([3, 1, 2]))
    print("throttle:", await service.throttle_round())

    print("plugins:", await plugins.run_all("ping"))
    print("fetch:", await fetch.fetch_many(["a", "b", "slow"]))
    print("cancelled:", fetch.EVENTS)
    print("gather:", await workers.squares([1, 2, 3]))
    print("pair:", await workers.pair())
    print("task:", await workers.with_background_task())
    print("thread:", await workers.checksum_in_thread(b"anymig"))
    print("queue:", await workers.pipeline(["x", "y", "z"]))
    print("process:", await procs.python_version_line())
    print("signal:", await wait_for_signal())
    print("web:", await web.serve_once())
    await compat.pause(0)
    return 0


def parse(argv):
    parser = argparse.ArgumentParser(prog="asyncio-app")
    parser.add_argument("--verbose", action="store_true")
    return parser.parse_args(argv)


def main_entry(argv=None):
    args = parse(argv)
    return asyncio.run(main(args))


def version_entry():
    asyncio.run(show_version())
