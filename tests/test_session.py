"""The session's logic on a small fixture tree, with a scripted prompter: what is asked, what
is offered, what each key and menu item does. The real prompt library is tested in
test_prompts.py, the whole program on a pty in test_pty.py."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import DATA
from icp_faq.engine import Walk
from icp_faq.errors import UsageError
from icp_faq.loader import load_tree
from icp_faq.model import Lang, Tree
from icp_faq.prompts import BACK, HELP, LANG, QUIT, RESTART, Option
from icp_faq.session import ANSWERS, BACKGROUND, CANCEL, LINKS, SAVE, Quit, Session
from support import environment

TREE = load_tree(DATA / "session.yaml")


class Scripted:
    """Answers prompts from a list; records each prompt, its options and its default."""

    def __init__(self, *answers: str, lang: Lang = "en") -> None:
        self.answers = list(answers)
        self.lang = lang
        self.asked: list[tuple[str, list[str], str | None, Lang]] = []
        self.texts: list[str] = []

    def select(self, prompt: str, options: Sequence[Option], default: str | None = None) -> str:
        self.asked.append((prompt, [o.value for o in options], default, self.lang))
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)

    def text(self, prompt: str, default: str) -> str:
        self.texts.append(default)
        return self.answers.pop(0) if self.answers else default


def run(
    *answers: str,
    tree: Tree = TREE,
    walk: Walk | None = None,
    lang: Lang = "en",
    menu: bool = True,
    saved: dict[str, str] | None = None,
) -> tuple[Session, Scripted, list[str]]:
    env = environment()
    shown: list[str] = []
    prompter = Scripted(*answers, lang=lang)

    def save(path: str, text: str) -> None:
        if saved is None:
            raise UsageError("no saving here")
        saved[path] = text

    session = Session(
        walk or Walk.begin(tree),
        lang,
        prompter,
        lambda r: shown.append(env.render(r)),
        menu=menu,
        save=save,
        page=lambda w, lg: f"page of {w.outcome.id if w.outcome else '?'} in {lg}",
        read=lambda tid, lg: f"topic {tid} in {lg}",
    )
    session.run()
    return session, prompter, shown


def test_a_walk_without_the_menu_ends_at_the_outcome() -> None:
    s, p, shown = run("long", "one", "yes", menu=False)
    assert s.walk.outcome is not None and s.walk.outcome.id == "done-alpha"
    assert [prompt.split(" · ")[0] for prompt, *_ in p.asked] == [
        "Step 1 of up to 3",  # the short way ends after one question
        "Step 2 of 3",
        "Step 3 of 3",
    ]
    assert len(shown) == 3  # one "answered" line per question, nothing else


def test_each_answer_leaves_the_question_and_the_answer_behind() -> None:
    _, _, shown = run("long", "two", "no", menu=False)
    assert shown[0] == "✔ 1 · What do you want to do?\n  → The long way"


def test_a_question_shows_its_help_with_it() -> None:
    _, p, _ = run("short", menu=False)
    assert p.asked[0][0] == "Step 1 of up to 3 · What do you want to do?\nPick a goal first."


def test_back_and_start_over_come_after_the_first_question_only() -> None:
    _, p, _ = run("long", BACK, "long", RESTART, "short", menu=False)
    offered = [values for _, values, _, _ in p.asked]
    assert BACK not in offered[0] and RESTART not in offered[0]
    assert BACK in offered[1] and RESTART in offered[1]
    assert p.asked[2][2] == "long"  # after back, the earlier answer is preselected
    assert p.asked[4][2] is None  # after start over, nothing is remembered


def test_l_switches_the_language_and_asks_again() -> None:
    s, p, _ = run(LANG, "short", menu=False)
    (first, _, _, lang1), (again, _, _, lang2) = p.asked
    assert lang1 == "en" and first.startswith("Step 1 of up to 3 · What do you want to do?")
    assert lang2 == "zh" and again.startswith("第 1 步（最多 3 步） · 您想做什么？")
    assert s.lang == "zh"


def test_question_mark_shows_the_keys_and_asks_again() -> None:
    _, p, shown = run(HELP, "short", menu=False)
    assert shown[0].startswith("Keys: ")
    assert "L switches to Chinese" in shown[0]
    assert p.asked[0][0] == p.asked[1][0]


@pytest.mark.parametrize("ending", [QUIT, "eof"])
def test_quitting_at_a_question_raises_quit_with_the_answers_kept(ending: str) -> None:
    with pytest.raises(Quit):
        run("long", *([ending] if ending == QUIT else []))
    # the answers given so far are in the session's walk for --record (checked in test_ask)


def test_the_outcome_screen_has_title_and_steps_then_the_menu() -> None:
    _, p, shown = run("long", "one", "yes", QUIT)
    screen = shown[-1]
    assert screen.splitlines() == ["", "Alpha outcome", "", "1. First step.", "2. Second step."]
    prompt, values, _, _ = p.asked[-1]
    assert prompt == "What next?"
    assert values == [BACKGROUND, LINKS, ANSWERS, SAVE, RESTART, QUIT]


def test_an_uncovered_outcome_says_so_and_offers_no_background() -> None:
    _, p, shown = run("other", QUIT)
    assert "This FAQ does not cover your case" in shown[-1]
    assert BACKGROUND not in p.asked[-1][1]


def test_background_then_read_a_topic_in_full_then_the_screen_again() -> None:
    _, p, shown = run("short", BACKGROUND, "beta", QUIT)
    background, topic, screen = shown[-3:]
    assert background.startswith("Background: the FAQ entries behind these steps\n")
    assert "  • A beta point.\n  icp-faq explain beta" in background
    assert topic == "topic beta in en"
    assert "Beta outcome" in screen  # the steps come back with the menu
    assert p.asked[-2][1] == ["beta", "", CANCEL]


def test_links_and_language_at_the_menu() -> None:
    _, _, shown = run("short", LINKS, LANG, QUIT)
    assert shown[-3].startswith("Links\n• Beta link\n  https://example.com/beta")
    assert "乙的结果" in shown[-1]  # the switch redraws the steps in Chinese


def test_change_an_answer_keeps_later_answers_that_still_apply() -> None:
    s, p, shown = run("long", "one", "yes", ANSWERS, "detail", "two", QUIT)
    assert s.walk.as_mapping() == {"goal": "long", "detail": "two", "last": "yes"}
    kept = [text for text in shown if text.startswith("Your later answers, kept")]
    assert kept == ["Your later answers, kept\n• The last one?\n  Yes"]
    assert p.asked[-3][1] == ["goal", "detail", "last", "", CANCEL]  # my answers
    assert p.asked[-2][2] == "one"  # the answer being changed is preselected


def test_never_mind_changes_nothing() -> None:
    s, _, _ = run("short", ANSWERS, CANCEL, QUIT)
    assert s.walk.as_mapping() == {"goal": "short"}


def test_save_writes_the_page_where_asked(tmp_path: Path) -> None:
    saved: dict[str, str] = {}
    target = str(tmp_path / "advice.md")
    _, p, shown = run("short", SAVE, target, QUIT, saved=saved)
    assert saved == {target: "page of done-beta in en"}
    assert p.texts == ["icp-faq-done-beta.md"]  # the default name offered
    assert f"Saved to {target}" in [" ".join(text.split()) for text in shown]


def test_a_save_that_fails_says_why_and_the_session_goes_on() -> None:
    _, _, shown = run("short", SAVE, "x.md", QUIT, saved=None)
    assert "Not saved: no saving here" in shown


def test_start_over_at_the_menu() -> None:
    s, _, _ = run("short", RESTART, "other", QUIT)
    assert s.walk.as_mapping() == {"goal": "other"}


def test_a_resumed_session_shows_the_answers_given_so_far() -> None:
    walk = Walk.begin(TREE, {"goal": "long"})
    _, p, shown = run("one", "yes", walk=walk, menu=False)
    assert shown[0] == "Your answers so far\n• What do you want to do?\n  The long way"
    assert p.asked[0][0].startswith("Step 2 of 3 · Which one?")


def test_a_chinese_session() -> None:
    _, p, shown = run("short", QUIT, lang="zh")
    assert p.asked[0][0].startswith("第 1 步（最多 3 步） · 您想做什么？")
    assert "乙的结果" in shown[-1]
    assert p.asked[-1][0] == "接下来做什么？"
