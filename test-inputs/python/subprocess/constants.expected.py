import subprocess as sp
import subprocess


def options():
    return {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "other": sp.PIPE}
