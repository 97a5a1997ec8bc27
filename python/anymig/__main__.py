"""python -m anymig ...: runs the anymig binary with the same arguments."""
import os
import sys

from anymig import binary


def main():
    path = binary()
    os.execv(path, [path, *sys.argv[1:]])


if __name__ == "__main__":
    main()
