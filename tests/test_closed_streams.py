"""A process started with a standard stream closed still follows the rules (some CI runners
and service managers start programs without stdin)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

TIMEOUT = 30


def run_closed(args: str, redirect: str = "0<&-") -> subprocess.CompletedProcess[str]:
    """Run ``python -m icp_faq ARGS`` from a shell with ``redirect`` applied (fd 0 closed)."""
    return subprocess.run(
        ["sh", "-c", f'exec "$0" -m icp_faq {args} {redirect}', sys.executable],
        env={**os.environ, "LANG": "en_US.UTF-8"},  # English messages
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_missing_answer_with_stdin_closed_is_exit_2_naming_the_question() -> None:
    r = run_closed("ask -a goal=leave")
    assert r.returncode == 2
    assert "no answer for question 'keep-number'" in r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr


def test_bare_command_with_stdin_closed_says_what_to_run() -> None:
    r = run_closed("")
    assert r.returncode == 2
    assert "no command given" in r.stderr


@pytest.mark.parametrize("args", ["list --format json", "explain skip-access --lang en"])
def test_one_shot_commands_with_stdin_closed(args: str) -> None:
    r = run_closed(args)
    assert r.returncode == 0, r.stderr
    assert r.stdout and r.stderr == ""


def test_stdout_closed_ends_without_a_traceback() -> None:
    r = run_closed("list", "0<&- 1>&-")
    assert r.returncode == 0
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
