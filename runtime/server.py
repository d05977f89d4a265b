"""The Rasa server's start-up: Rasa's own command line, after our patches are installed.

The launchers run ``python -m runtime.server run …`` where Rasa's docs say ``rasa run …``; this is
the one place the patches of runtime/rasa_speedups.py are installed (and their Rasa version checked).
"""
import sys

from runtime import rasa_speedups


def main() -> None:
    rasa_speedups.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    sys.argv[0] = "rasa"
    main()
