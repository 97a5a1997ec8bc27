"""Runs the example from a checkout: python3 run.py (same as PYTHONPATH=src python3 -m asyncio_app)."""
import os
import runpy
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "src"))
runpy.run_module("asyncio_app", run_name="__main__", alter_sys=True)
