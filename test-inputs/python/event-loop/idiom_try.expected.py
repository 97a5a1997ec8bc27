import anyio


async def main():
    await anyio.sleep(0)


if __name__ == "__main__":
    anyio.run(main)
