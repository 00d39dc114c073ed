"""Exit codes, named in one place, and the error a command raises to end with one."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status icp-faq uses; README.md documents the same table."""

    OK = 0
    NOT_FOUND = 1  # search found nothing
    USAGE = 2  # bad option, unknown topic, missing or bad answer, path does not exist
    INVALID_TREE = 3  # the tree file cannot be read, or fails validation
    INTERNAL = 70  # a bug: please report it (ICP_FAQ_DEBUG=1 shows the traceback)
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM


class CliError(Exception):
    """A message for stderr and the exit code that goes with it."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
