"""anymig as a Python package: the wheel carries the native `anymig` binary (installed as the
environment's `anymig` script, so running it starts no Python) and this module, so that
`python -m anymig` runs the same binary."""
import os
import shutil
import sysconfig

__all__ = ["binary"]


def binary():
    """Path of the anymig binary installed with this package."""
    places = [sysconfig.get_path("scripts")]
    user = f"{os.name}_user"
    if user in sysconfig.get_scheme_names():  # pip install --user
        places.append(sysconfig.get_path("scripts", user))
    for scripts in places:
        candidate = os.path.join(scripts, "anymig")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("anymig")
    if found:
        return found
    raise FileNotFoundError("the anymig binary of this installation was not found (reinstall the anymig wheel)")
