"""`python -m actip_cli`, and the `actip` command.

Importing the command line takes a moment; Ctrl-C in that moment ends the program as
Ctrl-C does later (a word, exit 130), not with a traceback. A termination request
(SIGTERM: a closing terminal, a service manager, `kill`) is handled as Ctrl-C, so an
assessment says where its answers are saved and no temporary file is left behind.

The cyclic garbage collector runs far less often than Python's default. Loading a catalog
builds many long-lived objects and almost no cycles; with the default thresholds every
young collection walks them again, so a catalog 100 times the shipped size took 9.3 s to
validate instead of 6.2 s (benchmarks/run.py, growth).
"""

import gc
import signal
import sys
from types import FrameType


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run() -> None:
    """Start actip (the console script's entry point)."""
    signal.signal(signal.SIGTERM, _terminate)
    gc.set_threshold(100_000, 20, 20)
    try:
        from actip_cli.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    sys.exit(main())


if __name__ == "__main__":
    run()
