"""End to end through a real pty: the installed ``icp-faq`` driven with pexpect, like a person.

Each test waits for what the screen shows (``expect_exact``) before it types, so no sleeps;
timeouts are generous because the machine is shared. Keys are the bytes a terminal sends.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
TIMEOUT = 30
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m")  # SGR foreground
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b\]8;[^\x1b]*\x1b\\|\r")


def command() -> tuple[str, list[str]]:
    """The installed console script next to this Python, else ``python -m icp_faq``."""
    script = Path(sys.executable).with_name("icp-faq")
    if script.is_file():
        return str(script), []
    return sys.executable, ["-m", "icp_faq"]


def spawn(
    *args: str, cols: int = 80, rows: int = 24, color: bool = True, cwd: Path | None = None
) -> pexpect.spawn:
    """Start ``icp-faq ARGS`` on a fresh pty of ``rows`` x ``cols``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ICP_FAQ", "LC_", "LANG"))}
    env.update(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
    # A real terminal answers prompt_toolkit's cursor-position request; pexpect does not, and
    # prompt_toolkit would wait about a second per prompt for the answer.
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.pop("NO_COLOR", None)
    if not color:
        env["NO_COLOR"] = "1"
    program, pre = command()
    child = pexpect.spawn(
        program,
        [*pre, *args],
        env=env,
        cwd=str(cwd) if cwd else None,
        dimensions=(rows, cols),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    return child


def down(n: int) -> str:
    return DOWN * n


def screen_text(child: pexpect.spawn) -> str:
    """Everything the child wrote so far, without escape sequences."""
    return ANSI.sub("", child.before or "")


def finish(child: pexpect.spawn) -> int:
    """Wait for the child to end; its exit status (128 + n for a signal)."""
    child.expect(pexpect.EOF)
    echo_restored = child.getecho()  # the pty's termios: raw mode left on would turn echo off
    child.close()
    assert echo_restored, "the terminal was left in raw mode"
    if child.signalstatus is not None:
        return 128 + int(child.signalstatus)
    return int(child.exitstatus)


def test_full_walk_to_an_outcome_and_quit(tmp_path: Path) -> None:
    record = tmp_path / "answers.yaml"
    child = spawn("ask", "--lang", "en", "--record", str(record))
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(ENTER)  # move-hosting
    child.expect_exact("Step 2/5 · Where is this website's ICP filing now?")
    child.send(ENTER)  # other-provider
    child.expect_exact("Step 3/4 · Does the domain owner match the ICP filing subject?")
    child.send(down(2) + ENTER)  # mismatch-other
    child.expect_exact("Step 4/4 · Apart from the domain owner, does any subject or website")
    child.send(ENTER)  # no
    child.expect_exact("Ask your domain provider how to change the owner, then transfer")
    child.expect_exact("What next?")
    page = screen_text(child)  # everything between the title and the menu
    assert "Your answers" in page
    assert "icp-faq explain domain-owner-mismatch" in page
    assert "https://help.aliyun.com/document_detail/36924.html" in page
    child.send(down(3) + ENTER)  # change, read, start over, quit
    assert finish(child) == 0
    assert record.read_text(encoding="utf-8").splitlines()[1:] == [
        '"goal": "move-hosting"',
        '"provider-change": "other-provider"',
        '"domain-owner": "mismatch-other"',
        '"owner-other-change-info": "no"',
    ]


def test_back_preselects_and_start_over_begins_again() -> None:
    child = spawn("ask", "--lang", "en")
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(DOWN + ENTER)  # add-website
    child.expect_exact("Is the website new, or already filed through another provider?")
    child.expect_exact("← Back")
    child.send(down(2) + ENTER)  # new, filed-elsewhere, [sep], ← Back
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(ENTER)  # the earlier answer (add-website) is preselected
    child.expect_exact("Is the website new, or already filed through another provider?")
    child.send(down(3) + ENTER)  # ↺ Start over
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(down(2) + ENTER)  # review: nothing preselected after start over
    child.expect_exact("Step 2/2 · What is the status of your transfer application?")
    child.send(down(2) + ENTER)  # approved
    child.expect_exact("Approved: point the domain and watch for the notice")
    child.expect_exact("What next?")
    child.send(down(2) + ENTER)  # menu: ↺ Start over
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(CTRL_C)
    assert finish(child) == 130


def test_change_an_answer_and_read_a_topic_in_full() -> None:
    child = spawn("ask", "--lang", "en", "-a", "goal=leave")
    child.expect_exact("Step 2/2 · What should happen to this website's ICP filing?")
    child.send(DOWN + ENTER)  # delete
    child.expect_exact("Cancel (deregister) the ICP filing")
    child.expect_exact("What next?")
    child.send(ENTER)  # Change an answer
    child.expect_exact("Which answer do you want to change?")
    child.send(DOWN + ENTER)  # keep-number
    child.expect_exact("Step 2/2 · What should happen to this website's ICP filing?")
    child.send(DOWN + ENTER)  # from the preselected "delete" down to "unsure"
    child.expect_exact("Know the difference between Cancel Transfer and cancelling the ICP")
    child.expect_exact("What next?")
    child.send(DOWN + ENTER)  # Read a related topic in full
    child.expect_exact("Which topic do you want to read?")
    child.send(ENTER)  # cancel-vs-deregister
    child.expect_exact("Note: once you submit a Cancel Transfer request or a request to")
    child.expect_exact("What next?")
    child.send(down(3) + ENTER)  # Quit
    assert finish(child) == 0


def test_ctrl_c_exits_130_restores_the_terminal_and_records_what_was_answered(
    tmp_path: Path,
) -> None:
    record = tmp_path / "partial.json"
    child = spawn("ask", "--lang", "en", "--record", str(record))
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(down(3) + ENTER)  # notice
    child.expect_exact("Has your filing information")
    child.send(CTRL_C)
    child.expect_exact("icp-faq: interrupted")
    assert finish(child) == 130
    assert record.read_text(encoding="utf-8") == '{\n  "goal": "notice"\n}\n'


def test_sigterm_ends_cleanly_with_143_and_a_complete_record(tmp_path: Path) -> None:
    (tmp_path / "rec").mkdir()
    record = tmp_path / "rec" / "partial.yaml"
    child = spawn("ask", "--lang", "en", "--record", str(record))
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(ENTER)  # move-hosting
    child.expect_exact("Step 2/5 · Where is this website's ICP filing now?")
    child.kill(signal.SIGTERM)
    assert finish(child) == 143
    assert record.read_text(encoding="utf-8").splitlines()[1:] == ['"goal": "move-hosting"']
    assert [p.name for p in record.parent.iterdir()] == ["partial.yaml"]  # no temporary file


def test_sigterm_at_the_outcome_menu_and_again_at_a_later_prompt(tmp_path: Path) -> None:
    """SIGTERM ends the session at any prompt, also after earlier prompts have come and gone
    (each prompt's event loop hands SIGTERM back to the CLI's handler when it closes)."""
    record = tmp_path / "answers.yaml"
    child = spawn("ask", "--lang", "en", "--record", str(record))
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(down(4) + ENTER)  # leave
    child.expect_exact("What should happen to this website's ICP filing?")
    child.send(down(1) + ENTER)  # delete
    child.expect_exact("What next?")
    child.kill(signal.SIGTERM)
    assert finish(child) == 143
    assert record.read_text(encoding="utf-8").splitlines()[1:] == [
        '"goal": "leave"',
        '"keep-number": "delete"',
    ]


def test_a_narrow_terminal_without_colour_in_chinese() -> None:
    child = spawn("ask", "--lang", "zh", cols=40, color=False)
    child.expect_exact("第 1/5 步 · 您现在想做什么？")
    child.send(ENTER)
    child.expect_exact("这个网站现在的备案在哪里？")
    # 21 wide characters do not fit next to the pointer: the choice wraps, its end on a new line.
    child.expect_exact("我的备案主体已在阿里云备案，这是另一")
    child.expect_exact("个网站")
    child.send(down(2) + ENTER)  # already-alibaba
    child.expect_exact("这个网站是全新的")
    child.send(ENTER)  # new
    child.expect_exact("接下来做什么？")
    page = screen_text(child)
    assert "使用“增加网站”" in page
    assert "https://beian.aliyun.com/" in page
    assert not COLOUR.search(child.before or "")  # no foreground colours with NO_COLOR
    child.send(down(3) + ENTER)
    assert finish(child) == 0


def test_a_40_column_english_walk_with_colour() -> None:
    child = spawn("ask", "--lang", "en", cols=40)
    child.expect_exact("What are you trying to do?")
    child.send(down(2) + ENTER)
    child.expect_exact("What is the status of your")
    child.send(ENTER)
    child.expect_exact("Your transfer is under review")
    child.expect_exact("What next?")
    lines = [line.rstrip() for line in screen_text(child).split("\n")]
    assert "Your answers" in lines
    assert max(len(line) for line in lines) <= 40
    assert COLOUR.search(child.before or "")  # colour is on by default on a terminal
    child.send(down(3) + ENTER)
    assert finish(child) == 0


def test_bare_icp_faq_on_a_terminal_starts_the_session() -> None:
    child = spawn()  # no command, no options: Chinese by default
    child.expect_exact("第 1/5 步 · 您现在想做什么？")
    child.send(CTRL_C)
    assert finish(child) == 130


def test_prompts_go_to_the_terminal_when_stdout_is_a_file(tmp_path: Path) -> None:
    """``icp-faq ask -f json > out.json``: questions on stderr, the result in the file."""
    out = tmp_path / "out.json"
    program, pre = command()
    line = " ".join([program, *pre, "ask", "--lang", "en", "-f", "json", ">", str(out)])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ICP_FAQ", "LC_", "LANG"))}
    env.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1")
    child = pexpect.spawn(
        "/bin/sh", ["-c", line], env=env, dimensions=(24, 80), encoding="utf-8", timeout=TIMEOUT
    )
    child.expect_exact("Step 1/5 · What are you trying to do?")
    child.send(down(4) + ENTER)  # leave
    child.expect_exact("What should happen to this website's ICP filing?")
    child.send(ENTER)  # keep → no outcome menu: the result is for the file
    assert finish(child) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["outcome"]["id"] == "cancel-transfer"
    assert [a["choice"] for a in data["answers"]] == ["leave", "keep"]


def test_all_answers_given_on_a_terminal_means_no_prompt() -> None:
    child = spawn("ask", "--lang", "en", "-a", "goal=notice", "-a", "info-changed=unchanged")
    child.expect_exact("Verify your filing information as the notice asks")
    assert finish(child) == 0
    assert "What next?" not in screen_text(child)


def test_no_input_on_a_terminal_never_prompts() -> None:
    child = spawn("ask", "--no-input", "--lang", "en", "-a", "goal=review")
    child.expect_exact("icp-faq: error: no answer for question 'review-status'")
    assert finish(child) == 2


def test_ctrl_d_is_end_of_input_and_the_missing_answer_rule() -> None:
    child = spawn("ask", "--lang", "en", "-a", "goal=notice")
    child.expect_exact("Step 2/2 · Has your filing information")
    child.send("\x04")
    child.expect_exact("icp-faq: error: no answer for question 'info-changed'")
    assert finish(child) == 2
