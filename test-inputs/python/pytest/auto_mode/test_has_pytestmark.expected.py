import anyio
import pytest

pytestmark = pytest.mark.filterwarnings("ignore")


async def test_unmarked():
    await anyio.sleep(0)
