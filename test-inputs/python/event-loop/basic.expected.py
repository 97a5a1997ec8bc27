import anyio


async def main(n=1, *, label="x"):
    await anyio.sleep(0)
    return n


if __name__ == "__main__":
    anyio.run(main)
