"""`python -m reprint ...` runs the installed `reprint` command with the same arguments."""

import os
import sys

from reprint import find_reprint_bin


def main() -> None:
    binary = find_reprint_bin()
    if sys.platform == "win32":
        import subprocess

        sys.exit(subprocess.call([binary, *sys.argv[1:]]))
    os.execvp(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
