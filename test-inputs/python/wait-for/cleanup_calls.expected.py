import asyncio
import logging

import anyio

log = logging.getLogger(__name__)


def forget(state):
    state.clear()


def note(state):
    state["done"] = True


def check(state):
    if state:
        raise RuntimeError("left over")


def check_twice(state):
    check(state)


async def logs_only(state):
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        log.info("cancelled")
        logging.warning("cancelled %s", state)
        raise


async def calls_quiet(state):
    try:
        await anyio.sleep(1)
    finally:
        note(state)


async def calls_guarded(conn):
    try:
        await anyio.sleep(1)
    finally:
        try:
            conn.close()
        except Exception:
            pass


async def calls_unknown(conn):
    try:
        await anyio.sleep(1)
    finally:
        conn.close()


async def calls_raising(state):
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        check_twice(state)
        raise


async def logs_formatted(state):
    try:
        await anyio.sleep(1)
    except anyio.get_cancelled_exc_class():
        log.info(f"cancelled {state['id']}")
        raise


async def main(state, conn):
    with anyio.fail_after(1):
        await logs_only(state)
    with anyio.fail_after(1):
        await calls_quiet(state)
    with anyio.fail_after(1):
        await calls_guarded(conn)
    await asyncio.wait_for(calls_unknown(conn), 1)
    await asyncio.wait_for(calls_raising(state), 1)
    await asyncio.wait_for(logs_formatted(state), 1)
