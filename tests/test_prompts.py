"""The prompt adapters in-process: questionary through prompt_toolkit's pipe input (real keys,
a dummy output), and the plain line-based prompter through string streams."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from icp_faq.prompts import (
    BACK,
    HELP,
    LANG,
    QUIT,
    RESTART,
    SEPARATOR,
    Option,
    PlainPrompter,
    Prompter,
    wrap,
)
from icp_faq.render.wrap import NO_START, cells

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"
OPTIONS = [Option("a", "Alpha"), Option("b", "Beta"), Option("c", "Gamma")]
WITH_BACK = [*OPTIONS, Option(SEPARATOR, ""), Option(BACK, "← Back"), Option(RESTART, "↺")]


@contextmanager
def piped(*keys: str) -> Iterator[PipeInput]:
    """A pipe input with ``keys`` typed ahead, then closed: a prompt too many is an EOFError,
    never a hang."""
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()
        yield inp


def select(*keys: str, options: list[Option] = OPTIONS, default: str | None = None) -> str:
    with piped(*keys) as inp:
        return Prompter("en", input=inp, output=DummyOutput()).select("Pick", options, default)


def test_select_returns_the_value_and_preselects_the_default() -> None:
    assert select(ENTER, default="c") == "c"
    assert select(DOWN, ENTER) == "b"


@pytest.mark.parametrize(("key", "value"), [("l", LANG), ("L", LANG), ("?", HELP), ("q", QUIT)])
def test_the_keys_every_prompt_knows(key: str, value: str) -> None:
    assert select(key) == value


def test_back_and_start_over_keys_only_where_offered() -> None:
    assert select("b", options=WITH_BACK) == BACK
    assert select("s", options=WITH_BACK) == RESTART
    assert select("b", DOWN, ENTER) == "b"  # not offered: b does nothing here


def test_ctrl_c_and_ctrl_d() -> None:
    with pytest.raises(KeyboardInterrupt):
        select(CTRL_C)
    with pytest.raises(EOFError):
        select(CTRL_D)
    with pytest.raises(EOFError):
        select()  # the input ended


def test_each_prompt_handles_sigterm_in_its_loop_and_gives_the_handler_back() -> None:
    """While a prompt runs its event loop owns SIGTERM (so the signal cannot land where
    Python ignores exceptions); when it ends, the handler that was there before is back."""
    import signal

    def before(signum: int, frame: object) -> None:  # stands in for entry's handler
        raise SystemExit(143)

    previous = signal.signal(signal.SIGTERM, before)
    try:
        assert select(DOWN, ENTER) == "b"
        assert signal.getsignal(signal.SIGTERM) is before
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize("width", [40, 80])
def test_wrap_breaks_english_at_spaces_with_a_hanging_indent(width: int) -> None:
    text = "Step 2 of up to 4 · Where is this website's ICP filing now? " * 3
    lines = wrap(text.strip(), width, 2).split("\n")
    assert all(cells(line) <= width for line in lines)
    assert all(line.startswith("  ") and not line.startswith("   ") for line in lines[1:])
    words = text.split()
    assert " ".join(" ".join(lines).split()) == " ".join(words)  # no word split or lost


def test_wrap_never_starts_a_chinese_line_with_closing_punctuation() -> None:
    text = "如果您在阿里云已经有备案成功的主体和网站，请改用“继续接入备案”。" * 3
    for width in range(12, 41):
        lines = wrap(text, width, 3).split("\n")
        assert all(cells(line) <= width for line in lines)
        assert all(line.strip()[0] not in NO_START for line in lines[1:])
        assert "".join(line.strip() for line in lines) == text


# --------------------------------------------------------------------------- plain


def plain(
    typed: str, options: list[Option] = OPTIONS, default: str | None = None
) -> tuple[str, str]:
    out = io.StringIO()
    prompter = PlainPrompter("en", stdin=io.StringIO(typed), stream=out, width=40)
    return prompter.select("Pick one", options, default), out.getvalue()


def test_plain_numbers_the_choices_and_reads_a_number() -> None:
    value, shown = plain("2\n")
    assert value == "b"
    assert "  1) Alpha\n  2) Beta\n  3) Gamma\n" in shown
    assert shown.endswith("> ")


def test_plain_letters_default_and_retry() -> None:
    assert plain("b\n", WITH_BACK)[0] == BACK
    assert plain("S\n", WITH_BACK)[0] == RESTART
    assert plain("q\n")[0] == QUIT
    assert plain("l\n")[0] == LANG
    assert plain("?\n")[0] == HELP
    value, shown = plain("\n", default="c")
    assert value == "c" and "* 3) Gamma" in shown
    value, shown = plain("9\nx\n1\n")
    assert value == "a" and shown.count("Type a number from 1 to 3") == 2


def test_plain_end_of_input() -> None:
    with pytest.raises(EOFError):
        plain("")


def test_plain_text_takes_the_default_on_enter() -> None:
    prompter = PlainPrompter("en", stdin=io.StringIO("\nmine.md\n"), stream=io.StringIO())
    assert prompter.text("Save to which file?", "x.md") == "x.md"
    assert prompter.text("Save to which file?", "x.md") == "mine.md"
