"""Every outcome of the shipped tree, in both languages, on a real 80x24 pty: when the menu
appears, the outcome's title, every one of its steps and the whole menu are on the screen
together. The rows each outcome screen takes are written to tests/artifacts/ for the docs."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from icp_faq.model import LANGS, Lang, Outcome
from icp_faq.trees import open_tree
from support import paths
from test_pty import DOWN, ENTER, Terminal

pyte = pytest.importorskip("pyte")

TREE = open_tree(None)
ARTIFACTS = ROOT / "tests" / "artifacts"
ROWS: dict[str, int] = {}


def _one_path_per_outcome() -> dict[str, tuple[tuple[str, str], ...]]:
    found: dict[str, tuple[tuple[str, str], ...]] = {}
    for p in paths(TREE):
        found.setdefault(p.outcome.id, p.answers)
    return found


PATHS = _one_path_per_outcome()


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("outcome_id", sorted(PATHS))
def test_the_outcome_screen_fits_80x24_with_its_menu(outcome_id: str, lang: Lang) -> None:
    answers = PATHS[outcome_id]
    *given, (last_q, last_c) = answers
    question = TREE.question(last_q)
    assert question is not None
    index = [c.id for c in question.choices].index(last_c)
    args = [a for q, c in given for a in ("-a", f"{q}={c}")]
    t = Terminal("ask", "--lang", lang, *args, cols=80, rows=24)
    t.expect(question.text.get(lang)[:10])
    t.send(DOWN * index + ENTER)
    quit_label = "退出" if lang == "zh" else "Quit"
    t.expect("接下来做什么？" if lang == "zh" else "What next?")
    t.expect(quit_label)
    screen = t.screen()
    outcome = TREE.node(outcome_id)
    assert isinstance(outcome, Outcome)
    flat = squeeze("".join(screen))
    assert squeeze(outcome.title.get(lang)) in flat, screen
    for step in outcome.steps:
        assert squeeze(step.get(lang)) in flat, (step.get(lang), screen)
    title = squeeze(outcome.title.get(lang))
    title_row = next(i for i, row in enumerate(screen) if row.strip() and squeeze(row) in title)
    quit_row = max(i for i, row in enumerate(screen) if row.strip().endswith(quit_label))
    ROWS[f"{outcome_id} {lang}"] = quit_row - title_row + 1
    t.send("q")
    assert t.finish() == 0


def teardown_module() -> None:
    """Record the rows each outcome screen (title to the menu's last item) took."""
    if ROWS:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "outcome-rows.json").write_text(
            json.dumps(dict(sorted(ROWS.items())), indent=2) + "\n", encoding="utf-8"
        )
