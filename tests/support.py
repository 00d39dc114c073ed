"""Helpers for tests: run the CLI in-process with an environment of our making, list every
path through a tree, and write a small tree with an outcome the FAQ does not cover."""

from __future__ import annotations

import io
import os
import pathlib
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from icp_faq.entry import run
from icp_faq.env import Environment
from icp_faq.model import Outcome, Question, Tree


@dataclass(frozen=True)
class Ran:
    """What one command did: its exit code and what it wrote."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def environment(
    *,
    environ: dict[str, str] | None = None,
    stdin: str = "",
    tty: bool = False,
    width: int | None = None,
) -> Environment:
    """An environment writing into strings; ``tty`` makes all three streams terminals."""
    return Environment(
        stdin=io.StringIO(stdin),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin_tty=tty,
        stdout_tty=tty,
        stderr_tty=tty,
        environ={**os.environ, **(environ or {})},
        terminal_width=width,
    )


def invoke(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str = "",
    tty: bool = False,
    width: int | None = None,
    locale: str | None = "en_US.UTF-8",
) -> Ran:
    """Run ``icp-faq ARGS`` in-process, the way ``entry.main`` runs it, in ``locale`` (so
    messages are English) unless ``env`` sets the language itself or ``locale`` is None.

    typer writes ``--help`` to the process's own stdout, which in a real process is the
    environment's stdout too; here both are captured into the same string.
    """
    environ = dict(env or {})
    if locale and not {"LANG", "LC_ALL", "LC_MESSAGES", "ICP_FAQ_LANG"} & set(environ):
        environ["LANG"] = locale
    e = environment(environ=environ, stdin=stdin, tty=tty, width=width)
    assert isinstance(e.stdout, io.StringIO) and isinstance(e.stderr, io.StringIO)
    with redirect_stdout(e.stdout), redirect_stderr(e.stderr):
        code = run(list(args), e)
    return Ran(code, e.stdout.getvalue(), e.stderr.getvalue())


@dataclass(frozen=True)
class Path:
    """One way from the start to an outcome: the answers given and where they lead."""

    answers: tuple[tuple[str, str], ...]
    outcome: Outcome


def paths(tree: Tree) -> list[Path]:
    """Every path from the start to an outcome, depth first in file order of the choices."""
    found: list[Path] = []
    stack: list[tuple[str, tuple[tuple[str, str], ...]]] = [(tree.start, ())]
    while stack:
        node_id, answers = stack.pop()
        node = tree.node(node_id)
        assert node is not None, node_id
        if isinstance(node, Outcome):
            found.append(Path(answers, node))
            continue
        assert isinstance(node, Question)
        assert all(q != node.id for q, _ in answers), f"cycle at {node.id}"
        stack += [(c.next, (*answers, (node.id, c.id))) for c in reversed(node.choices)]
    return found


UNCOVERED = """
  - id: elsewhere
    title: {zh: 不在本问答范围内, en: Not covered here}
    covered: false
    steps:
      - {zh: 本问答不涉及这种情况。, en: This FAQ does not cover that case.}
    topics: []
    links:
      - title: {zh: 帮助, en: Help}
        url: https://example.com/help
"""


def uncovered_tree(folder: pathlib.Path, outcome: str = UNCOVERED) -> pathlib.Path:
    """tests/data/minimal.yaml plus a third choice that leads to ``outcome`` (by default one
    with ``covered: false``), written to ``folder``."""
    minimal = pathlib.Path(__file__).resolve().parent / "data" / "minimal.yaml"
    text = minimal.read_text(encoding="utf-8").replace(
        "        next: done-beta",
        "        next: done-beta\n      - id: c\n"
        "        label: {zh: 其他, en: Something else}\n        next: elsewhere",
    )
    path = folder / "uncovered.yaml"
    path.write_text(text + outcome, encoding="utf-8")
    return path
