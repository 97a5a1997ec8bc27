import subprocess
import subprocess as sp


def options():
    return {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "other": sp.PIPE}
