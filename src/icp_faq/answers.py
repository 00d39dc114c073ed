"""Answers from outside the session: ``--answer Q=C``, ``--answers-file``, and ``--record``.

An answers file is a YAML or JSON mapping of question id to choice id (or choice label).
A bad answers file is the user's input, not a tree file: every problem here exits 2; exit 3
stays reserved for invalid tree files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import AnswersFileError, UsageError
from .files import check_target, write_file
from .loader import MAX_BYTES, decode, parse_text, read_text
from .model import one_line

WHAT = "answers file"


def parse_answer_options(values: Iterable[str]) -> dict[str, str]:
    """``["goal=leave", ...]`` → ``{"goal": "leave"}``; a later answer to a question wins."""
    out: dict[str, str] = {}
    for raw in values:
        qid, sep, choice = raw.partition("=")
        if not sep or not qid.strip() or not choice.strip():
            shown = one_line(raw)
            raise UsageError(
                f"--answer expects QUESTION=CHOICE, got '{shown}'",
                f"--answer 的格式是 问题=选项，收到的是 '{shown}'",
            )
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
    """Fail before the session starts if ``path`` is no place to save answers."""
    check_target(path, "--record ")


def write_record(path: str, answers: Mapping[str, str]) -> None:
    """Save the answers (see ``write_file``)."""
    write_file(path, record_text(answers, path), "--record ")
