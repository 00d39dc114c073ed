"""The questionary session in-process: prompt_toolkit's pipe input and DummyOutput, real keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from icp_faq.engine import Walk
from icp_faq.model import Lang, Tree
from icp_faq.prompts import Option, Prompter, Session

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"


def down(n: int) -> str:
    return DOWN * n


@contextmanager
def piped(*keys: str) -> Iterator[PipeInput]:
    """A pipe input with ``keys`` typed ahead, then closed: a prompt too many is an EOFError,
    never a hang."""
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()
        yield inp


def plain(renderable: Any) -> str:
    console = Console(width=80, force_terminal=False, color_system=None, _environ={})
    with console.capture() as cap:
        console.print(renderable)
    return cap.get()


class Recorder:
    """Collects what the session shows, as plain text."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def __call__(self, renderable: Any) -> None:
        self.shown.append(plain(renderable))


def session(
    tree: Tree, inp: PipeInput, *, menu: bool = True, lang: Lang = "en", walk: Walk | None = None
) -> tuple[Session, Recorder]:
    shown = Recorder()
    prompter = Prompter(lang, input=inp, output=DummyOutput())
    return Session(walk or Walk.begin(tree), lang, prompter, shown, menu=menu), shown


def test_select_returns_the_value_and_preselects_the_default() -> None:
    options = [Option("a", "Alpha"), Option("b", "Beta"), Option("c", "Gamma")]
    with piped(ENTER) as inp:
        assert Prompter("en", input=inp, output=DummyOutput()).select("?", options, "c") == "c"
    with piped(DOWN, ENTER) as inp:
        assert Prompter("en", input=inp, output=DummyOutput()).select("?", options) == "b"


def test_a_walk_to_an_outcome_without_the_menu(shipped_tree: Tree) -> None:
    # goal: 3rd choice (review) → review-status: 2nd choice (rejected).
    with piped(down(2), ENTER, DOWN, ENTER) as inp:
        s, shown = session(shipped_tree, inp, menu=False)
        walk = s.run()
    assert walk.outcome is not None and walk.outcome.id == "review-rejected"
    assert walk.answers == (("goal", "review"), ("review-status", "rejected"))
    assert shown.shown == []  # without the menu the caller prints the result


def test_back_preselects_the_earlier_answer(shipped_tree: Tree) -> None:
    keys = [
        DOWN, ENTER,            # goal → add-website
        down(2), ENTER,         # new-site: new, filed-elsewhere, [sep], ← Back
        ENTER,                  # goal again: add-website is preselected, Enter keeps it
        ENTER,                  # new-site → new
    ]  # fmt: skip
    with piped(*keys) as inp:
        s, _ = session(shipped_tree, inp, menu=False)
        walk = s.run()
    assert walk.answers == (("goal", "add-website"), ("new-site", "new"))
    assert walk.outcome is not None and walk.outcome.id == "add-website"


def test_start_over_from_a_question(shipped_tree: Tree) -> None:
    keys = [
        down(4), ENTER,         # goal → leave
        down(4), ENTER,         # keep-number: keep, delete, unsure, [sep], back, ↺ start over
        down(3), ENTER,         # goal (nothing preselected) → notice
        ENTER,                  # info-changed → changed
    ]  # fmt: skip
    with piped(*keys) as inp:
        s, _ = session(shipped_tree, inp, menu=False)
        walk = s.run()
    assert walk.answers == (("goal", "notice"), ("info-changed", "changed"))
    assert walk.outcome is not None and walk.outcome.id == "update-required"


def test_outcome_page_then_change_an_answer_read_a_topic_and_quit(shipped_tree: Tree) -> None:
    keys = [
        ENTER, ENTER, ENTER, ENTER,   # move-hosting, other-provider, match, no → transfer
        ENTER,                        # menu: Change an answer
        down(3), ENTER,               # which answer: change-info
        DOWN, ENTER,                  # change-info: "no" preselected, ↓ yes
        DOWN, ENTER,                  # menu: Read a related topic in full
        DOWN, ENTER,                  # which topic: the 2nd of transfer-with-changes
        down(3), ENTER,               # menu: Quit
    ]  # fmt: skip
    with piped(*keys) as inp:
        s, shown = session(shipped_tree, inp)
        walk = s.run()
    assert walk.outcome is not None and walk.outcome.id == "transfer-with-changes"
    assert walk.as_mapping() == {
        "goal": "move-hosting",
        "provider-change": "other-provider",
        "domain-owner": "match",
        "change-info": "yes",
    }
    first, second, topic = shown.shown
    assert first.startswith("Transfer your ICP filing to Alibaba Cloud\n")
    assert "Your answers\n" in first
    assert "  icp-faq explain skip-access\n" in first
    assert second.startswith("Transfer when information must change\n")
    assert "Does any subject or website information need to change?\n  Yes, something" in second
    assert topic.startswith("Can I skip transferring my existing ICP filing to Alibaba Cloud?")


def test_change_the_first_answer_replays_later_answers_that_still_apply(
    shipped_tree: Tree,
) -> None:
    start = Walk.begin(
        shipped_tree,
        {"goal": "move-hosting", "provider-change": "other-provider", "domain-owner": "match"},
    ).answer("yes")
    keys = [
        ENTER, ENTER,                 # menu: change an answer; which: goal
        DOWN, ENTER,                  # goal: move-hosting preselected, ↓ add-website
        DOWN, ENTER,                  # new-site → filed-elsewhere; domain-owner, change-info replay
        down(3), ENTER,               # menu: Quit
    ]  # fmt: skip
    with piped(*keys) as inp:
        s, shown = session(shipped_tree, inp, walk=start)
        walk = s.run()
    assert [q for q, _ in walk.answers] == ["goal", "new-site", "domain-owner", "change-info"]
    assert walk.outcome is not None and walk.outcome.id == "transfer-with-changes"
    assert len(shown.shown) == 2


def test_never_mind_in_the_change_menu_keeps_everything(shipped_tree: Tree) -> None:
    start = Walk.begin(shipped_tree, {"goal": "leave", "keep-number": "delete"})
    keys = [ENTER, down(2), ENTER, down(3), ENTER]  # change → ← never mind → quit
    with piped(*keys) as inp:
        s, shown = session(shipped_tree, inp, walk=start)
        walk = s.run()
    assert walk == start
    assert len(shown.shown) == 1


def test_ctrl_c_raises_keyboard_interrupt_and_keeps_the_answers_so_far(
    shipped_tree: Tree,
) -> None:
    with piped(ENTER, CTRL_C) as inp:
        s, _ = session(shipped_tree, inp)
        with pytest.raises(KeyboardInterrupt):
            s.run()
    assert s.walk.answers == (("goal", "move-hosting"),)


def test_end_of_input_is_an_eof_error_at_the_open_question(shipped_tree: Tree) -> None:
    with piped(DOWN, ENTER) as inp:
        s, _ = session(shipped_tree, inp)
        with pytest.raises(EOFError):
            s.run()
    assert s.walk.question is not None and s.walk.question.id == "new-site"


def test_ctrl_d_ends_the_input(shipped_tree: Tree) -> None:
    with piped(ENTER, "\x04", ENTER) as inp:
        s, _ = session(shipped_tree, inp)
        with pytest.raises(EOFError):
            s.run()
    assert s.walk.answers == (("goal", "move-hosting"),)


def test_chinese_session(shipped_tree: Tree) -> None:
    # goal → leave, keep-number → unsure, menu (change, read, start over, quit) → quit
    with piped(down(4), ENTER, down(2), ENTER, down(3), ENTER) as inp:
        s, shown = session(shipped_tree, inp, lang="zh")
        walk = s.run()
    assert walk.outcome is not None and walk.outcome.id == "compare-leave"
    assert shown.shown[0].startswith("先弄清取消接入与注销备案的区别\n")
    assert "您的回答" in shown.shown[0]


def test_each_prompt_handles_sigterm_in_its_loop_and_gives_the_handler_back() -> None:
    """While a prompt runs its event loop owns SIGTERM (so the signal cannot land where
    Python ignores exceptions); when it ends, the handler that was there before is back."""
    import signal

    def before(signum: int, frame: object) -> None:  # stands in for cli.run's handler
        raise SystemExit(143)

    previous = signal.signal(signal.SIGTERM, before)
    try:
        with piped(down(1) + ENTER) as inp:
            prompter = Prompter("en", input=inp, output=DummyOutput())
            assert prompter.select("Pick", [Option("a", "A"), Option("b", "B")]) == "b"
        assert signal.getsignal(signal.SIGTERM) is before
    finally:
        signal.signal(signal.SIGTERM, previous)


class Scripted:
    """A prompter that answers from a list and records the options each prompt offered."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.offered: list[list[str]] = []

    def select(self, prompt: str, options: Any, default: str | None = None) -> str:
        self.offered.append([o.value for o in options])
        return self.answers.pop(0)


def test_back_and_start_over_are_not_offered_on_the_first_question(shipped_tree: Tree) -> None:
    from icp_faq.prompts import BACK, RESTART

    prompter = Scripted("leave", "delete")
    Session(Walk.begin(shipped_tree), "en", prompter, lambda r: None, menu=False).run()  # type: ignore[arg-type]
    first, second = prompter.offered
    assert BACK not in first and RESTART not in first
    assert BACK in second and RESTART in second
