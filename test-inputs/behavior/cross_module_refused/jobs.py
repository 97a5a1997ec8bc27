import asyncio


async def fetch_page():
    # On cancellation, saves what it has (awaiting) and returns the partial page.
    rows = ["row 1"]
    try:
        await asyncio.sleep(0)
        rows.append("row 2")
        await asyncio.sleep(1)
        rows.append("row 3")
    except asyncio.CancelledError:
        await asyncio.sleep(0)
        rows.append("saved")
    return rows
