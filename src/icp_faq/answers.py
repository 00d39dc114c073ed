"""Answers from outside the session: ``--answer Q=C``, ``--answers-file``, and ``--record``.

An answers file is a YAML or JSON mapping of question id to choice id (or choice label).
A bad answers file is the user's input, not a tree file, so every problem here is a
``CliError`` with exit code 2; exit 3 stays reserved for invalid tree files.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import CliError, ExitCode
from .loader import FaqFileError

WHAT = "answers file"


def parse_answer_options(values: Iterable[str]) -> dict[str, str]:
    """``["goal=leave", ...]`` → ``{"goal": "leave"}``; a later answer to a question wins."""
    out: dict[str, str] = {}
    for raw in values:
        qid, sep, choice = raw.partition("=")
        if not sep or not qid.strip() or not choice.strip():
            raise CliError(f"--answer expects QUESTION=CHOICE, got '{raw}'", ExitCode.USAGE)
        out[qid.strip()] = choice.strip()
    return out


def parse_answers_text(text: str, shown: str) -> dict[str, str]:
    """Parse an answers document (YAML or JSON) into question id → choice."""
    from .loader import parse_text

    try:
        data = parse_text(text, shown)
    except FaqFileError as exc:
        raise _usage(exc) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _usage(
            FaqFileError(shown, *_where(data), "an answers file is a mapping of QUESTION: CHOICE")
        )
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, (dict, list)) or value is None or not str(value).strip():
            line, col = _where(key) if value is None or not str(value).strip() else _where(value)
            raise _usage(
                FaqFileError(shown, line, col, f"the answer to '{key}' must be a choice id")
            )
        out[str(key)] = str(value)
    return out


def read_answers_file(path: str, stdin_text: str | None = None) -> dict[str, str]:
    """Read ``path`` (``-`` means ``stdin_text``, already read by the caller)."""
    from .loader import read_text

    if path == "-":
        return parse_answers_text(stdin_text or "", "<stdin>")
    try:
        text = read_text(path, what=WHAT)
    except FaqFileError as exc:
        raise _usage(exc) from None
    return parse_answers_text(text, path)


def _where(value: object) -> tuple[int, int]:
    pos = getattr(value, "pos", None)
    return (pos.line, pos.col) if pos is not None else (0, 0)


def _usage(exc: FaqFileError) -> CliError:
    where = f"{exc.path}:{exc.line}:{exc.col}" if exc.line else exc.path
    return CliError(f"{where}: {exc.message}", ExitCode.USAGE)


# --------------------------------------------------------------------------- --record


def record_text(answers: Mapping[str, str], path: str) -> str:
    """The answers as JSON for ``*.json``, else as YAML (quoted, so ``no`` stays text)."""
    if Path(path).suffix.lower() == ".json":
        return json.dumps(dict(answers), ensure_ascii=False, indent=2) + "\n"
    lines = ["# icp-faq answers; replay with: icp-faq ask --answers-file THIS_FILE"]
    lines += [f"{json.dumps(q)}: {json.dumps(c, ensure_ascii=False)}" for q, c in answers.items()]
    return "\n".join(lines) + "\n"


def check_record_path(path: str) -> None:
    """Fail before the session starts if ``path`` could never be written."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise CliError(f"--record {path}: is a directory", ExitCode.USAGE)
    if not parent.is_dir():
        raise CliError(f"--record {path}: no such directory '{parent}'", ExitCode.USAGE)
    if not os.access(parent, os.W_OK):
        raise CliError(f"--record {path}: directory '{parent}' is not writable", ExitCode.USAGE)


def write_record(path: str, answers: Mapping[str, str]) -> None:
    """Write the answers atomically: a temporary file in the same directory, then a rename.

    Readers see the old file or the complete new one, never a half-written one, also when
    the write itself is interrupted (the temporary file is removed).
    """
    text = record_text(answers, path)
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise CliError(
                f"--record {path}: cannot write: {exc.strerror}", ExitCode.USAGE
            ) from None
        raise
