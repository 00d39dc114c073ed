"""The session's result renderers: exact text at 40 columns, the JSON contract, Markdown."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len
from rich.console import Console

from icp_faq.engine import Result, paths, resolve
from icp_faq.model import LANGS, Lang, Tree
from icp_faq.render.session import outcome_renderable, result_data, result_markdown

GOLDEN_ZH_40 = """\
办理“迁出”

怎么做
1. 登录物业系统，在住户主页上选择“办理迁
   出”，不要选择“新增住户”。
2. 手续一经提交便无法撤回，请谨慎操作。

相关问题
搬家之前要先办理哪些手续？
  • 选择“办理迁出”，不要选择“新增住户”。
  • 手续一经提交便无法撤回。
  icp-faq explain move-house
钥匙什么时候交还？
  • 迁出后交还全部钥匙。
  icp-faq explain keys

链接
• 物业系统
  https://example.com/portal

您的回答
• 您想做什么？ 搬家
• 钥匙交还了吗？ 已交还
"""

GOLDEN_EN_40_NOT_COVERED = """\
Not covered here
This FAQ does not cover your case; below
is where you can find out more.

What to do
1. This FAQ only covers moving house.

Links
• Residents' portal
  https://example.com/portal

Your answers
• What do you want to do? Something else
"""


def render(result: Result, tree: Tree, lang: Lang, width: int) -> str:
    console = Console(width=width, force_terminal=False, color_system=None, _environ={})
    with console.capture() as cap:
        console.print(outcome_renderable(result, tree, lang))
    return "\n".join(line.rstrip() for line in cap.get().splitlines()) + "\n"


def _result(tree: Tree, answers: dict[str, str]) -> Result:
    res = resolve(tree, answers)
    assert isinstance(res, Result)
    return res


def test_outcome_page_at_40_columns_in_chinese(fixture_tree: Tree) -> None:
    res = _result(fixture_tree, {"goal": "move", "keys-handed": "yes"})
    assert render(res, fixture_tree, "zh", 40) == GOLDEN_ZH_40


def test_not_covered_outcome_page_at_40_columns_in_english(fixture_tree: Tree) -> None:
    res = _result(fixture_tree, {"goal": "other"})
    assert render(res, fixture_tree, "en", 40) == GOLDEN_EN_40_NOT_COVERED


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [40, 80])
def test_every_outcome_page_fits_the_width(shipped_tree: Tree, lang: Lang, width: int) -> None:
    for p in paths(shipped_tree):
        res = _result(shipped_tree, dict(p.answers))
        page = render(res, shipped_tree, lang, width)
        flat = " ".join(page.split())  # undo wrapping
        # Chinese wraps without a space, so compare the title with no whitespace at all.
        assert "".join(page.split()).startswith("".join(p.outcome.title.get(lang).split()))
        for tid in p.outcome.topics:
            assert f"icp-faq explain {tid}" in flat
        assert max(cell_len(line) for line in page.splitlines()) <= width


def test_json_contract_for_every_path(shipped_tree: Tree) -> None:
    for p in paths(shipped_tree):
        res = _result(shipped_tree, dict(p.answers))
        data = result_data(res, "en")
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        assert list(data) == ["lang", "answers", "outcome"]
        assert [(a["question"], a["choice"]) for a in data["answers"]] == list(p.answers)
        assert all(set(a) == {"question", "choice", "question_text", "choice_label"}
                   for a in data["answers"])  # fmt: skip
        o = data["outcome"]
        assert list(o) == ["id", "title", "steps", "topics", "links", "covered"]
        assert o["covered"] is p.outcome.covered
        assert o["id"] == p.outcome.id
        assert o["topics"] == list(p.outcome.topics)
        assert o["steps"] == [s.en for s in p.outcome.steps]
        assert o["links"] == [{"title": li.title.en, "url": li.url} for li in p.outcome.links]


def test_markdown_has_every_section(shipped_tree: Tree) -> None:
    res = _result(shipped_tree, {"goal": "review", "review-status": "pending"})
    md = result_markdown(res, shipped_tree, "zh")
    headings = [line for line in md.splitlines() if line.startswith("#")]
    topics = [shipped_tree.topic(t) for t in res.outcome.topics]
    assert headings == [
        f"# {res.outcome.title.zh}",
        "## 怎么做",
        "## 相关问题",
        *(f"### {t.title.zh}" for t in topics if t is not None),
        "## 链接",
        "## 您的回答",
    ]
    first = res.outcome.links[0]
    assert f"- [{first.title.zh}]({first.url})" in md
    assert "- 接入备案申请现在是什么状态？ **审核中** (`review-status=pending`)" in md
