"""Helpers for tests: run the CLI in-process with an environment of our making, and list
every path through a tree."""

from __future__ import annotations

import io
import os
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
) -> Ran:
    """Run ``icp-faq ARGS`` in-process, the way ``entry.main`` runs it.

    typer writes ``--help`` to the process's own stdout, which in a real process is the
    environment's stdout too; here both are captured into the same string.
    """
    e = environment(environ=env, stdin=stdin, tty=tty, width=width)
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
