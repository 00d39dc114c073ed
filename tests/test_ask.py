"""`icp-faq ask` without a terminal, through a real subprocess: scripts and replay."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from icp_faq.model import Tree
from support import paths

TIMEOUT = 60  # generous: a hang fails the test, slowness does not


def run(
    *args: str, stdin: str | None = None, devnull: bool = False, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m icp_faq ask ARGS`` with no terminal anywhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ICP_FAQ", "LC_", "LANG"))}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "icp_faq", "ask", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if devnull else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=TIMEOUT,
        check=False,
    )


def answer_args(answers: dict[str, str]) -> list[str]:
    return [a for q, c in answers.items() for a in ("--answer", f"{q}={c}")]


def test_full_answers_give_the_json_outcome() -> None:
    proc = run(
        "--answer", "goal=review", "--answer", "review-status=rejected", "--format", "json",
        "--lang", "en", devnull=True,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["lang"] == "en"
    assert data["answers"] == [
        {
            "question": "goal",
            "choice": "review",
            "question_text": "What are you trying to do?",
            "choice_label": "My transfer application is under review or has a result",
        },
        {
            "question": "review-status",
            "choice": "rejected",
            "question_text": "What is the status of your transfer application?",
            "choice_label": "Rejected",
        },
    ]
    outcome = data["outcome"]
    assert set(outcome) == {"id", "title", "steps", "topics", "links", "covered"}
    assert outcome["covered"] is True
    assert outcome["id"] == "review-rejected"
    assert outcome["title"] == "Rejected: fix it and resubmit soon"
    assert outcome["topics"] == ["access-rejected", "change-info-during-access"]
    assert outcome["links"][0] == {
        "title": "Alibaba Cloud ICP filing system",
        "url": "https://beian.aliyun.com/",
    }
    assert len(outcome["steps"]) == 3 and all(isinstance(s, str) for s in outcome["steps"])


def test_every_path_of_the_tree_resolves_from_the_command_line(shipped_tree: Tree) -> None:
    """One subprocess per outcome (not per path) keeps this quick on a shared machine."""
    seen: set[str] = set()
    for p in paths(shipped_tree):
        if p.outcome.id in seen:
            continue
        seen.add(p.outcome.id)
        proc = run(*answer_args(dict(p.answers)), "-f", "json", devnull=True)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["outcome"]["id"] == p.outcome.id


def test_a_missing_answer_with_stdin_from_devnull_exits_2_naming_the_question() -> None:
    proc = run("--answer", "goal=move-hosting", "--lang", "en", devnull=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        "icp-faq: error: no answer for question 'provider-change' "
        "(Where is this website's ICP filing now?); "
        "valid choices: other-provider, keep-elsewhere, already-alibaba; "
        "pass --answer provider-change=CHOICE\n"
    )


def test_no_answers_at_all_names_the_first_question_in_chinese() -> None:
    proc = run("--no-input", devnull=True)
    assert proc.returncode == 2
    assert "'goal' (您现在想做什么？)" in proc.stderr
    assert "valid choices: move-hosting, add-website, review, notice, leave" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("nope=leave", "unknown question 'nope'; valid questions: goal, provider-change, "),
        ("goal=nope", "unknown choice 'nope' for question 'goal'; valid choices: move-hosting, "),
        ("goal", "--answer expects QUESTION=CHOICE, got 'goal'"),
    ],
)
def test_unknown_ids_exit_2_listing_the_valid_ones(answer: str, expected: str) -> None:
    proc = run("--answer", answer, devnull=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"icp-faq: error: {expected}")
    assert proc.stderr.count("\n") == 1


def test_labels_and_off_path_answers() -> None:
    proc = run(
        "-a", "goal=Stop using Alibaba Cloud, or remove the filing", "-a", "keep-number=还不确定",
        "-a", "review-status=approved", "-f", "json", devnull=True,
    )  # fmt: skip
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["outcome"]["id"] == "compare-leave"
    assert proc.stderr == (
        "icp-faq: warning: ignored the answer to 'review-status': "
        "that question is not on the path of your answers\n"
    )


def _outcome_of(proc: subprocess.CompletedProcess[str]) -> Any:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("name", ["answers.yaml", "answers.json"])
def test_record_then_answers_file_gives_the_same_outcome(tmp_path: Path, name: str) -> None:
    record = tmp_path / name
    given = {
        "goal": "add-website",
        "new-site": "filed-elsewhere",
        "domain-owner": "match",
        "change-info": "no",
    }
    first = _outcome_of(run(*answer_args(given), "--record", str(record), "-f", "json"))
    assert record.is_file()
    again = _outcome_of(run("--answers-file", str(record), "-f", "json", devnull=True))
    assert again == first
    assert first["outcome"]["id"] == "transfer"


def test_answers_from_stdin_with_dash() -> None:
    proc = run("--answers-file", "-", "-f", "json", stdin="goal: notice\ninfo-changed: unchanged\n")
    assert _outcome_of(proc)["outcome"]["id"] == "notice-verify"
    # Options override the file.
    proc = run(
        "--answers-file", "-", "-a", "info-changed=changed", "-f", "json",
        stdin='{"goal": "notice", "info-changed": "unchanged"}',
    )  # fmt: skip
    assert _outcome_of(proc)["outcome"]["id"] == "update-required"


def test_a_partial_answers_file_on_stdin_never_prompts() -> None:
    proc = run("--answers-file", "-", stdin="goal: leave\n")
    assert proc.returncode == 2
    assert "no answer for question 'keep-number'" in proc.stderr


def test_a_bad_answers_file_is_exit_2_and_a_bad_tree_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("goal: [\n", encoding="utf-8")
    proc = run("--answers-file", str(bad), devnull=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{bad}:2:1: error: invalid YAML")
    proc = run("--tree", str(bad), "-a", "goal=leave", devnull=True)
    assert proc.returncode == 3
    missing = run("--answers-file", str(tmp_path / "none.yaml"), devnull=True)
    assert missing.returncode == 2
    assert "no such answers file" in missing.stderr


def test_record_into_a_missing_directory_fails_before_anything(tmp_path: Path) -> None:
    target = tmp_path / "no" / "a.yaml"
    proc = run("-a", "goal=leave", "-a", "keep-number=keep", "--record", str(target))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "no such directory" in proc.stderr
    assert not target.parent.exists()


def test_text_and_markdown_results() -> None:
    args = ["-a", "goal=leave", "-a", "keep-number=delete", "--lang", "en"]
    text = run(*args, devnull=True)
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert lines[0] == "Cancel (deregister) the ICP filing"
    assert "  icp-faq explain cancel-vs-deregister" in lines
    assert "\x1b[" not in text.stdout
    assert all(line == line.rstrip() for line in lines)
    md = run(*args, "-f", "markdown", devnull=True)
    assert md.returncode == 0
    assert md.stdout.startswith("# Cancel (deregister) the ICP filing\n\n## What to do\n\n1. ")
    assert "In full: `icp-faq explain cancel-vs-deregister`" in md.stdout
    assert "(`keep-number=delete`)" in md.stdout


def test_bare_command_without_a_terminal_says_what_to_run_and_exits_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "icp_faq"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "icp-faq: error: no command given" in proc.stderr
    assert "'icp-faq ask'" in proc.stderr


def test_scripted_ask_never_loads_the_prompt_library() -> None:
    """Start-up: questionary/prompt_toolkit load only when a prompt is about to appear."""
    code = (
        "import sys\n"
        "from icp_faq.entry import run\n"
        "P = ('questionary', 'prompt_toolkit')\n"
        "before = sorted(m for m in sys.modules if m.startswith(P))\n"
        "code = run(['ask', '-a', 'goal=leave', '-a', 'keep-number=keep', '-f', 'json'])\n"
        "after = sorted(m for m in sys.modules if m.startswith(P))\n"
        "print(code, before, after, file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.stderr.strip() == "0 [] []"
    assert json.loads(proc.stdout)["outcome"]["id"] == "cancel-transfer"
