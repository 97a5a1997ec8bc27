"""`python -m asyncio_app`: runs the demo job (the asyncio.run(main(args)) entry point)."""
from asyncio_app.cli import main_entry

main_entry([])
