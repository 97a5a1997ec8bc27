"""Migrating this writes lines over 88 columns (tests/scripts/test_isort_black.py)."""
import asyncio
import functools


async def discover(adapter, timeout, retries):
    await asyncio.sleep(0)
    return [adapter, timeout, retries]


async def store_record(database_connection, record_identifier, payload_bytes):
    await asyncio.sleep(0)
    return record_identifier


async def read_all(connection_object, expected_number_of_bytes, timeout_in_seconds):
    try:
        await asyncio.wait_for(connection_object.read_exact(expected_number_of_bytes), timeout_in_seconds)
    except (asyncio.CancelledError, ConnectionResetError, BrokenPipeError, EOFError):
        raise


async def store_all(database_connection, records_to_store_in_the_database, payload):
    tasks = [
        asyncio.create_task(store_record(database_connection, record_identifier, payload))
        for record_identifier in records_to_store_in_the_database
    ]
    await asyncio.gather(*tasks)


def main(arguments):
    found = asyncio.run(discover(adapter=arguments.adapter, timeout=float(arguments.timeout), retries=3))
    print(found)
