"""Exit codes of the ``briefing`` command, in one place for the CLI and the batch."""

from enum import IntEnum


class Exit(IntEnum):
    OK = 0  # everything asked for was done
    FAILED = 1  # a file had a problem; every problem was printed as FILE:LINE:COL
    USAGE = 2  # the command line cannot run; nothing was written
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM)
