"""End to end through a real pty: the installed ``icp-faq`` driven with pexpect, like a person.

Each test waits for what the screen shows (``expect_exact``) before it types, so no sleeps;
timeouts are generous because the machine is shared. Keys are the bytes a terminal sends.
What is on the screen is checked with a terminal emulator (pyte) fed everything the program
wrote. The behaviour is tested on the small fixture tree ``tests/data/session.yaml``; the
shipped tree's screens are measured in test_screens.py.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from conftest import DATA
from icp_faq.model import Lang

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"
TIMEOUT = 30
TREE = str(DATA / "session.yaml")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m")  # SGR foreground
CURSOR = re.compile(r"\x1b\[\?2004h|\x1b\[\d*[ABCDJK]|\x1b\[\d+;\d+H")  # what a dumb terminal lacks


def command() -> tuple[str, list[str]]:
    """The installed console script next to this Python, else ``python -m icp_faq``."""
    script = Path(sys.executable).with_name("icp-faq")
    if script.is_file():
        return str(script), []
    return sys.executable, ["-m", "icp_faq"]


class Terminal:
    """A program on a fresh pty of ``rows`` x ``cols``, and the screen it draws."""

    def __init__(
        self,
        *args: str,
        cols: int = 80,
        rows: int = 24,
        color: bool = True,
        term: str = "xterm-256color",
        shell: str | None = None,
    ) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ICP_FAQ", "LC_", "LANG"))}
        env.update(TERM=term, COLUMNS=str(cols), LINES=str(rows))
        # A real terminal answers prompt_toolkit's cursor-position request; pexpect does not,
        # and prompt_toolkit would wait about a second per prompt for the answer.
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"
        env.pop("NO_COLOR", None)
        if not color:
            env["NO_COLOR"] = "1"
        program, pre = command()
        if shell is not None:
            program, argv = "/bin/sh", ["-c", shell.replace("ICP_FAQ", " ".join([program, *pre]))]
        else:
            argv = [*pre, *args]
        self.child = pexpect.spawn(
            program, argv, env=env, dimensions=(rows, cols), encoding="utf-8", timeout=TIMEOUT
        )
        self.log = io.StringIO()
        self.child.logfile_read = self.log
        self.cols, self.rows = cols, rows

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def screen(self) -> list[str]:
        """The rows of the screen as the terminal would show them now."""
        screen = pyte.Screen(self.cols, self.rows)
        pyte.Stream(screen).feed(self.log.getvalue().replace("\n", "\r\n").replace("\r\r", "\r"))
        return [row.rstrip() for row in screen.display]

    def finish(self) -> int:
        """Wait for the program to end; its exit status (128 + n for a signal)."""
        self.child.expect(pexpect.EOF)
        echo_restored = self.child.getecho()  # raw mode left on would turn echo off
        self.child.close()
        assert echo_restored, "the terminal was left in raw mode"
        if self.child.signalstatus is not None:
            return 128 + int(self.child.signalstatus)
        return int(self.child.exitstatus)


def down(n: int) -> str:
    return DOWN * n


def ask(*args: str, **kwargs: object) -> Terminal:
    return Terminal("ask", "--tree", TREE, *args, **kwargs)  # type: ignore[arg-type]


def test_a_walk_to_an_outcome_shows_the_steps_with_the_menu_then_quit(tmp_path: Path) -> None:
    record = tmp_path / "answers.yaml"
    t = ask("--lang", "en", "--record", str(record))
    t.expect("Step 1 of up to 3 · What do you want to do?")
    t.expect("Pick a goal first.")  # the question's help, with it
    t.send(ENTER)  # long
    t.expect("Step 2 of 3 · Which one?")
    t.send(ENTER)  # one
    t.expect("Step 3 of 3 · The last one?")
    t.send(ENTER)  # yes
    t.expect("What next?")
    t.expect("Quit")
    screen = t.screen()
    for line in ("Alpha outcome", "1. First step.", "2. Second step.", "? What next?"):
        assert any(row.strip().startswith(line) for row in screen), (line, screen)
    assert "✔ 3 · The last one?" in "\n".join(screen)  # the answers stay on screen above
    t.send("q")
    assert t.finish() == 0
    assert record.read_text(encoding="utf-8").splitlines()[1:] == [
        '"goal": "long"',
        '"detail": "one"',
        '"last": "yes"',
    ]
    assert f"--answers-file {record}" in record.read_text(encoding="utf-8").splitlines()[0]


def test_back_and_start_over_by_key_and_by_menu() -> None:
    t = ask("--lang", "en")
    t.expect("What do you want to do?")
    t.send(ENTER)  # long
    t.expect("Which one?")
    t.send("b")  # back
    t.expect("Step 1 of up to 3")
    t.send(ENTER)  # long is preselected
    t.expect("Which one?")
    t.send(down(3) + ENTER)  # one → two → (separator skipped) ← Back → ↺ Start over
    t.expect("Step 1 of up to 3")
    t.send(down(1) + ENTER)  # short: nothing preselected after start over
    t.expect("Beta outcome")
    t.expect("What next?")
    t.send("s")  # start over from the menu
    t.expect("Step 1 of up to 3")
    t.send(CTRL_C)
    t.expect("icp-faq: interrupted")
    assert t.finish() == 130


def test_l_switches_the_language_in_place_and_the_first_screen_says_how() -> None:
    t = ask()  # no --lang, no locale: Chinese
    t.expect("第 1 步（最多 3 步） · 您想做什么？")
    t.expect("L: English")  # the way out, in the other language
    t.send("l")
    t.expect("Step 1 of up to 3 · What do you want to do?")
    t.expect("L: 中文")
    t.send(down(1) + ENTER)  # short
    t.expect("Beta outcome")
    t.expect("What next?")
    t.send("L")
    t.expect("乙的结果")  # the steps again, in Chinese
    t.expect("接下来做什么？")
    t.send("q")
    assert t.finish() == 0


def test_question_mark_shows_the_keys() -> None:
    t = ask("--lang", "en")
    t.expect("What do you want to do?")
    t.send("?")
    t.expect("Keys: ")
    t.expect("q or Ctrl-D quits")
    t.expect("What do you want to do?")
    t.send(CTRL_C)
    assert t.finish() == 130


@pytest.mark.parametrize("key", ["q", CTRL_D])
def test_quitting_before_the_outcome_says_where_the_answers_are(tmp_path: Path, key: str) -> None:
    record = tmp_path / "partial.yaml"
    t = ask("--lang", "en", "--record", str(record))
    t.expect("What do you want to do?")
    t.send(ENTER)
    t.expect("Which one?")
    t.send(key)
    t.expect("icp-faq: quit before the outcome.")
    t.expect(f"resume with: icp-faq ask --answers-file {record}")
    assert t.finish() == 130
    assert record.read_text(encoding="utf-8").splitlines()[1:] == ['"goal": "long"']


def test_resuming_shows_the_answers_so_far_and_a_change_shows_what_was_kept() -> None:
    t = ask("--lang", "en", "-a", "goal=long")
    t.expect("Your answers so far")
    t.expect("The long way")
    t.expect("Step 2 of 3 · Which one?")
    t.send(ENTER)  # one
    t.expect("The last one?")
    t.send(ENTER)  # yes
    t.expect("What next?")
    t.send(down(2) + ENTER)  # Background, Links, My answers
    t.expect("Which answer do you want to change?")
    t.send(DOWN + ENTER)  # detail
    t.expect("Which one?")
    t.send(DOWN + ENTER)  # two: "last" is replayed
    t.expect("Your later answers, kept")
    t.expect("What next?")
    t.send("q")
    assert t.finish() == 0


def test_background_read_in_full_links_and_save(tmp_path: Path) -> None:
    target = tmp_path / "advice.md"
    t = ask("--lang", "en")
    t.expect("What do you want to do?")
    t.send(down(1) + ENTER)  # short
    t.expect("What next?")
    t.send(ENTER)  # Background
    t.expect("icp-faq explain beta")
    t.expect("Read one of them in full?")
    t.send(ENTER)  # beta
    t.expect("The complete beta answer.")
    t.expect("What next?")
    t.send(DOWN + ENTER)  # Links
    t.expect("https://example.com/beta")
    t.expect("What next?")
    t.send(down(3) + ENTER)  # Save as a Markdown file
    t.expect("Save to which file?")
    t.send("\x15" + str(target) + ENTER)  # Ctrl-U clears the offered name
    t.expect("Saved to")
    t.expect("What next?")
    t.send("q")
    assert t.finish() == 0
    assert target.read_text(encoding="utf-8").startswith("# Beta outcome\n")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_at_a_prompt_ends_cleanly_with_a_complete_record(
    tmp_path: Path, signum: int
) -> None:
    (tmp_path / "rec").mkdir()
    record = tmp_path / "rec" / "partial.yaml"
    t = ask("--lang", "en", "--record", str(record))
    t.expect("What do you want to do?")
    t.send(ENTER)
    t.expect("Which one?")
    t.child.kill(signum)
    assert t.finish() == 128 + signum
    assert record.read_text(encoding="utf-8").splitlines()[1:] == ['"goal": "long"']
    assert [p.name for p in record.parent.iterdir()] == ["partial.yaml"]  # no temporary file


def test_sigterm_at_the_outcome_menu_and_again_at_a_later_prompt(tmp_path: Path) -> None:
    """SIGTERM ends the session at any prompt, also after earlier prompts have come and gone
    (each prompt's event loop hands SIGTERM back to the process's handler when it closes)."""
    record = tmp_path / "answers.yaml"
    t = ask("--lang", "en", "--record", str(record))
    t.expect("What do you want to do?")
    t.send(down(1) + ENTER)
    t.expect("What next?")
    t.child.kill(signal.SIGTERM)
    assert t.finish() == 143
    assert record.read_text(encoding="utf-8").splitlines()[1:] == ['"goal": "short"']


def test_ctrl_c_exits_130_restores_the_terminal_and_records_what_was_answered(
    tmp_path: Path,
) -> None:
    record = tmp_path / "partial.json"
    t = ask("--lang", "en", "--record", str(record))
    t.expect("What do you want to do?")
    t.send(ENTER)
    t.expect("Which one?")
    t.send(CTRL_C)
    t.expect("icp-faq: interrupted")
    assert t.finish() == 130
    assert record.read_text(encoding="utf-8") == '{\n  "goal": "long"\n}\n'


@pytest.mark.parametrize(("cols", "lang"), [(80, "en"), (40, "en"), (80, "zh"), (40, "zh")])
def test_words_never_break_and_no_line_starts_with_closing_punctuation(
    cols: int, lang: Lang
) -> None:
    """The shipped tree's first question, its choices and the keys, at 80 and 40 columns."""
    from icp_faq.render.wrap import NO_START
    from icp_faq.trees import open_tree

    question = open_tree(None).question("goal")
    assert question is not None
    t = Terminal("ask", "--lang", lang, cols=cols, color=False)
    t.expect("L: ")
    t.expect(question.choices[-1].label.get(lang)[-3:])  # the whole prompt is drawn
    screen = [row for row in t.screen() if row.strip()]
    texts = [question.text.get(lang), *(c.label.get(lang) for c in question.choices)]
    squeezed = "".join("".join(row.split()) for row in screen).replace("»", "")
    for text in texts:  # each text whole, wherever the lines broke
        assert "".join(text.split()) in squeezed, (text, screen)
    for word in {w for text in texts for w in text.split() if w.isascii()}:
        assert any(word in row for row in screen), (word, screen)  # no word split
    rows = [row.strip() for row in screen if not row.startswith("? ")]  # "? " is the prompt mark
    assert all(row[0] not in NO_START for row in rows), screen
    t.send(CTRL_C)
    assert t.finish() == 130


def test_a_dumb_terminal_gets_numbered_lines_and_no_cursor_control(tmp_path: Path) -> None:
    record = tmp_path / "a.yaml"
    t = ask("--lang", "en", "--record", str(record), term="dumb")
    t.expect("What do you want to do?")
    t.expect("  1) The long way")
    t.expect("> ")
    t.send("1\r")
    t.expect("Which one?")
    t.send("b\r")  # back
    t.expect("What do you want to do?")
    t.send("\r")  # the default, marked *, is the earlier answer
    t.expect("Which one?")
    t.send("2\r")
    t.expect("The last one?")
    t.send("9\r")  # not a choice
    t.expect("Type a number from 1 to 2")
    t.send("1\r")
    t.expect("Alpha outcome")
    t.expect("What next?")
    t.send("q\r")
    assert t.finish() == 0
    assert not CURSOR.search(t.log.getvalue()), "cursor control on a dumb terminal"
    assert record.read_text(encoding="utf-8").splitlines()[1:] == [
        '"goal": "long"',
        '"detail": "two"',
        '"last": "yes"',
    ]


def test_plain_option_on_a_capable_terminal() -> None:
    t = ask("--lang", "zh", "--plain")
    t.expect("您想做什么？")
    t.expect("  2) 走短路")
    t.send("2\r")
    t.expect("乙的结果")
    t.send("q\r")
    assert t.finish() == 0


def test_bare_icp_faq_on_a_terminal_starts_the_session_and_takes_options() -> None:
    t = Terminal()  # no command, no options: Chinese by default
    t.expect("您现在想做什么？")
    t.send(CTRL_C)
    assert t.finish() == 130
    t = Terminal("--lang", "en")  # the options of every command, before any command
    t.expect("What are you trying to do?")
    t.send(CTRL_C)
    assert t.finish() == 130


def test_prompts_go_to_the_terminal_when_stdout_is_a_file(tmp_path: Path) -> None:
    """``icp-faq ask -f json > out.json``: questions on stderr, the result in the file."""
    out = tmp_path / "out.json"
    t = Terminal(shell=f"ICP_FAQ ask --tree {TREE} --lang en -f json > {out}")
    t.expect("What do you want to do?")
    t.send(down(1) + ENTER)  # short → no outcome menu: the result is for the file
    assert t.finish() == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["outcome"]["id"] == "done-beta"
    assert [a["choice"] for a in data["answers"]] == ["short"]


def test_all_answers_given_on_a_terminal_means_no_prompt() -> None:
    t = ask("--lang", "en", "-a", "goal=short")
    t.expect("Beta outcome")
    assert t.finish() == 0
    assert "What next?" not in t.log.getvalue()


def test_no_input_on_a_terminal_never_prompts() -> None:
    t = ask("--no-input", "--lang", "en", "-a", "goal=long")
    t.expect("icp-faq: error: no answer for question 'detail'")
    assert t.finish() == 2


def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    for color in (True, False):
        t = ask("--lang", "en", color=color)
        t.expect("What do you want to do?")
        t.send(down(1) + ENTER)
        t.expect("What next?")
        assert bool(COLOUR.search(t.log.getvalue())) == color
        t.send("q")
        assert t.finish() == 0
