"""Exit codes, and the one error hierarchy every layer raises; each error knows its exit code.

Lower layers (loader, engine, search, answers, prompts) raise these without knowing about
the command line; ``entry.run`` is the one place that turns them into a message on stderr
and an exit status.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status icp-faq uses; README.md documents the same table."""

    OK = 0
    NOT_FOUND = 1  # search found nothing confident
    USAGE = 2  # bad option, unknown topic, missing or bad answer, a path that does not exist
    INVALID_TREE = 3  # the tree file cannot be read, or fails validation
    INTERNAL = 70  # a bug: please report it (ICP_FAQ_DEBUG=1 shows the traceback)
    IO_ERROR = 74  # output could not be written (disk full, I/O error)
    HANGUP = 129  # SIGHUP: the terminal went away
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM


class IcpFaqError(Exception):
    """Base of every error icp-faq reports to the user: a message and an exit code."""

    exit_code = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def report(self) -> str:
        """What stderr shows: ``icp-faq: error: MESSAGE`` (empty: nothing to show)."""
        return f"icp-faq: error: {self.message}" if self.message else ""


class UsageError(IcpFaqError):
    """The command line asks for something that cannot be done (exit 2)."""

    exit_code = ExitCode.USAGE


class AnswerError(UsageError):
    """An answer naming no question, or no choice of its question; the message lists valid ids."""


class UnknownTopic(UsageError):
    """A topic name that designates no topic, or several; the message suggests ids."""


class NotFound(IcpFaqError):
    """Nothing answers the request (exit 1)."""

    exit_code = ExitCode.NOT_FOUND


class OutputError(IcpFaqError):
    """Writing the output failed: a full disk, an I/O error (exit 74). Not a bug."""

    exit_code = ExitCode.IO_ERROR


class FileError(IcpFaqError):
    """A file that cannot be used, with where and why: ``PATH:LINE:COL: error: MESSAGE``."""

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.col = col

    @property
    def where(self) -> str:
        """``PATH:LINE:COL``, or just ``PATH`` when there is no position."""
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.where}: error: {self.message}"

    def report(self) -> str:
        """``PATH:LINE:COL: error: MESSAGE``, as compilers print it."""
        return str(self)


class FaqFileError(FileError):
    """A tree file that cannot be loaded (exit 3)."""

    exit_code = ExitCode.INVALID_TREE


class NoSuchFile(FileError):
    """A path given on the command line does not exist (exit 2)."""

    exit_code = ExitCode.USAGE


class AnswersFileError(FileError):
    """An answers file (``--answers-file``) that cannot be used (exit 2)."""

    exit_code = ExitCode.USAGE


class InvalidTree(IcpFaqError):
    """A tree that loads but fails validation; ``lines`` are its errors, one per line (exit 3)."""

    exit_code = ExitCode.INVALID_TREE

    def __init__(self, path: str, lines: list[str]) -> None:
        count = f"{len(lines)} error" + ("" if len(lines) == 1 else "s")
        super().__init__(f"{path} is not a valid tree ({count} above); nothing was shown")
        self.path = path
        self.lines = lines

    def report(self) -> str:
        """Each finding on a line of its own, then the summary."""
        return "\n".join([*self.lines, f"icp-faq: error: {self.message}"])


class ValidationFailed(IcpFaqError):
    """``validate`` found errors; the message is its verdict line, shown as it is (exit 3)."""

    exit_code = ExitCode.INVALID_TREE

    def report(self) -> str:
        """The verdict, or nothing (JSON output says it all)."""
        return self.message


class Signalled(BaseException):
    """A signal that ends the process (SIGTERM, SIGHUP), raised where it lands.

    A ``BaseException`` like ``KeyboardInterrupt``, so no ``except Exception`` swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal number, as shells report it (143 for SIGTERM, 129 for SIGHUP)."""
        return 128 + self.signum
