import asyncio
import logging

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
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.info("cancelled")
        logging.warning("cancelled %s", state)
        raise


async def calls_quiet(state):
    try:
        await asyncio.sleep(1)
    finally:
        note(state)


async def calls_guarded(conn):
    try:
        await asyncio.sleep(1)
    finally:
        try:
            conn.close()
        except Exception:
            pass


async def calls_unknown(conn):
    try:
        await asyncio.sleep(1)
    finally:
        conn.close()


async def calls_raising(state):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        check_twice(state)
        raise


async def logs_formatted(state):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.info(f"cancelled {state['id']}")
        raise


async def main(state, conn):
    await asyncio.wait_for(logs_only(state), 1)
    await asyncio.wait_for(calls_quiet(state), 1)
    await asyncio.wait_for(calls_guarded(conn), 1)
    await asyncio.wait_for(calls_unknown(conn), 1)
    await asyncio.wait_for(calls_raising(state), 1)
    await asyncio.wait_for(logs_formatted(state), 1)
