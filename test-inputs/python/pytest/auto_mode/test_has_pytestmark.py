import asyncio

import pytest

pytestmark = pytest.mark.filterwarnings("ignore")


async def test_unmarked():
    await asyncio.sleep(0)
