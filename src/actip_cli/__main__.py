"""`python -m actip_cli`, and the `actip` command.

Importing the command line takes a moment; Ctrl-C in that moment ends the program as
Ctrl-C does later (a word, exit 130), not with a traceback.
"""

import sys


def run() -> None:
    """Start actip (the console script's entry point)."""
    try:
        from actip_cli.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    sys.exit(main())


if __name__ == "__main__":
    run()
