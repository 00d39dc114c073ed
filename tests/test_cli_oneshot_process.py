"""The one-shot commands as real processes: smoke tests, closed pipes, C locale, completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

BASE = [sys.executable, "-m", "icp_faq"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, **(env or {})}
    full.pop("PYTHONIOENCODING", None)
    return subprocess.run(
        [*BASE, *args], capture_output=True, env=full, cwd=ROOT, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["explain", "cancel-vs-deregister"], "取消接入和注销备案有什么区别？"),
        (["explain", "skip", "--format", "json"], '"id": "skip-access"'),
        (["explain", "skip", "--format", "markdown"], "## 能否不把原有备案接入阿里云？"),
        (["list"], "domain-owner-mismatch"),
        (["list", "--format", "json"], '"anchor": "section_s5x_cvh_mgb"'),
        (["search", "备案号还在吗"], "site-after-cancel-access"),
        (["search", "deregister", "--format", "json"], '"score"'),
        (["tree"], "您现在想做什么？"),
        (["tree", "--format", "mermaid"], "flowchart TD"),
        (["tree", "--format", "dot"], "digraph"),
        (["tree", "--format", "json"], '"start": "goal"'),
    ],
)
def test_smoke(args: list[str], needle: str) -> None:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    out = done.stdout.decode("utf-8")
    assert needle in out
    assert "\x1b[" not in out  # stdout is a pipe: no ANSI
    if "json" in args:
        json.loads(out)


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_utf8_output_in_the_c_locale(locale: str) -> None:
    done = run("explain", "skip-access", env={"LC_ALL": locale, "LANG": locale})
    assert done.returncode == 0, done.stderr
    assert "能否不把原有备案接入阿里云？" in done.stdout.decode("utf-8")
    done = run("search", "驳回", "-f", "json", env={"LC_ALL": "C"})
    assert json.loads(done.stdout.decode("utf-8"))[0]["id"] == "access-rejected"


def test_errors_are_one_line_with_exit_codes() -> None:
    done = run("explain", "nope-nope")
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().count("\n") == 1 and b"Traceback" not in done.stderr
    done = run("search", "zzzzqqq", "-f", "json")
    assert done.returncode == 1 and done.stdout == b"[]\n"
    assert done.stderr.decode().count("\n") == 1 and b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [["list"], ["tree"], ["tree", "--format", "json"], ["explain", "skip-access"]],
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """``icp-faq list | head -0``: the reader is gone before the first write."""
    proc = subprocess.Popen(
        [*BASE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert err == b""


def test_a_pipe_into_head_ends_quietly() -> None:
    cmd = f"{sys.executable} -m icp_faq tree --format json | head -1"
    done = subprocess.run(["sh", "-c", cmd], capture_output=True, cwd=ROOT, timeout=60, check=False)
    assert done.stdout.decode() == "{\n"
    assert done.stderr == b""


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("icp-faq explain can", ["cancel-vs-deregister"]),
        ("icp-faq explain --lang en c", ["change-info-during-access", "cancel-vs-deregister"]),
        ("icp-faq explain zz", []),
    ],
)
def test_shell_completion_of_topic_ids(words: str, expected: list[str]) -> None:
    done = run(
        env={
            "_ICP_FAQ_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
    )
    assert done.returncode == 0
    assert done.stdout.decode().split() == expected


def test_completion_honours_tree(tmp_path: object) -> None:
    from pathlib import Path

    tree = Path(str(tmp_path)) / "t.yaml"
    text = (ROOT / "faq" / "icp-access.yaml").read_text(encoding="utf-8")
    tree.write_text(text.replace("skip-access", "zz-skip"), encoding="utf-8")
    words = f"icp-faq explain --tree {tree} zz"
    done = run(env={"_ICP_FAQ_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"})
    assert done.stdout.decode().split() == ["zz-skip"]
