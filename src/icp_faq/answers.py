"""Answers from outside the session: ``--answer Q=C``, ``--answers-file``, and ``--record``.

An answers file is a YAML or JSON mapping of question id to choice id (or choice label).
A bad answers file is the user's input, not a tree file: every problem here exits 2; exit 3
stays reserved for invalid tree files.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import AnswersFileError, OutputError, UsageError
from .loader import MAX_BYTES, decode, parse_text, read_text
from .model import one_line

WHAT = "answers file"


def parse_answer_options(values: Iterable[str]) -> dict[str, str]:
    """``["goal=leave", ...]`` → ``{"goal": "leave"}``; a later answer to a question wins."""
    out: dict[str, str] = {}
    for raw in values:
        qid, sep, choice = raw.partition("=")
        if not sep or not qid.strip() or not choice.strip():
            raise UsageError(f"--answer expects QUESTION=CHOICE, got '{one_line(raw)}'")
        out[qid.strip()] = choice.strip()
    return out


def parse_answers_text(text: str, shown: str) -> dict[str, str]:
    """Parse an answers document (YAML or JSON) into question id → choice."""
    data = parse_text(text, shown, AnswersFileError)
    if data is None:
        return {}
    if not isinstance(data, dict):
        line, col = _where(data)
        raise AnswersFileError(shown, line, col, "an answers file is a mapping of QUESTION: CHOICE")
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, (dict, list)) or value is None or not str(value).strip():
            line, col = _where(key) if value is None or not str(value).strip() else _where(value)
            message = f"the answer to '{one_line(key)}' must be a choice id"
            raise AnswersFileError(shown, line, col, message)
        out[str(key)] = str(value)
    return out


def read_answers_file(path: str, stdin: Any = None) -> dict[str, str]:
    """Read ``path``; ``-`` reads ``stdin`` as UTF-8 bytes, at most ``MAX_BYTES``."""
    if path == "-":
        return parse_answers_text(read_stdin(stdin), "<stdin>")
    return parse_answers_text(read_text(path, what=WHAT, error=AnswersFileError), path)


def read_stdin(stdin: Any) -> str:
    """All of ``stdin``, capped like a file, decoded as UTF-8 whatever the locale says."""
    raw = getattr(stdin, "buffer", None)
    if raw is not None:
        data = raw.read(MAX_BYTES + 1)
        return decode(data, "<stdin>", WHAT, AnswersFileError)
    text = stdin.read(MAX_BYTES + 1) if stdin is not None else ""
    return decode(text.encode("utf-8", "surrogatepass"), "<stdin>", WHAT, AnswersFileError)


def _where(value: object) -> tuple[int, int]:
    pos = getattr(value, "pos", None)
    return (pos.line, pos.col) if pos is not None else (0, 0)


# --------------------------------------------------------------------------- --record


def record_text(answers: Mapping[str, str], path: str) -> str:
    """The answers as JSON for ``*.json``, else as YAML (quoted, so ``no`` stays text)."""
    if Path(path).suffix.lower() == ".json":
        return json.dumps(dict(answers), ensure_ascii=False, indent=2) + "\n"
    lines = [f"# icp-faq answers; replay with: icp-faq ask --answers-file {_shell_word(path)}"]
    lines += [f"{json.dumps(q)}: {json.dumps(c, ensure_ascii=False)}" for q, c in answers.items()]
    return "\n".join(lines) + "\n"


def _shell_word(path: str) -> str:
    import shlex

    return shlex.quote(one_line(path, 200))


def check_record_path(path: str) -> None:
    """Fail before the session starts if ``path`` is no place to save answers.

    The target must be missing or a regular file of its own (not a FIFO, device, directory,
    symlink or a file with other hard links), in a writable directory.
    """
    shown = one_line(path)
    if not path.strip():
        raise UsageError("--record needs a file name")
    if path.endswith(("/", os.sep)):
        raise UsageError(f"--record {shown}: names a directory; give a file name")
    p = Path(path)
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"--record {shown}: {exc.strerror}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"--record {shown}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            kind = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a regular file"
            raise UsageError(f"--record {shown}: is {kind}; refusing to replace it")
        if st.st_nlink > 1:
            raise UsageError(f"--record {shown}: has other hard links; refusing to replace it")
    parent = p.parent
    if not parent.is_dir():
        raise UsageError(f"--record {shown}: no such directory '{one_line(str(parent))}'")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"--record {shown}: directory '{one_line(str(parent))}' is not writable")


def write_record(path: str, answers: Mapping[str, str]) -> None:
    """Write the answers atomically: a new file in the same directory, then a rename.

    Readers see the old file or the complete new one, never a half-written one, also when
    the write itself is interrupted (the temporary file is removed). An existing file keeps
    its permissions; a new one gets the umask's. Raises ``OutputError`` when it cannot.
    """
    check_record_path(path)  # again: the target may have changed during the session
    text = record_text(answers, path)
    target = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    # mkstemp: a fresh random name, created O_EXCL|O_NOFOLLOW, mode 0600 until chmod.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"--record {one_line(path)}: cannot write: {exc.strerror}") from None
        raise
