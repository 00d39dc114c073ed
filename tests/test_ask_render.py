"""The session's result renderers: exact text at 40 columns, the JSON contract, Markdown."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len
from rich.console import Console

from icp_faq.engine import Result, resolve
from icp_faq.model import LANGS, Lang, Tree
from icp_faq.render.session import outcome_renderable, result_data, result_markdown
from support import paths

GOLDEN_ZH_40 = """\
注销备案

怎么做
1. 注销备案会删除您在工信部的备案信息。
2. 之后如果还要继续使用该网站，需要重新
   提交备案申请。
3. 注销备案申请一经提交无法撤回，请谨慎
   操作。

相关问题
取消接入和注销备案有什么区别？
  • 取消接入：不再由阿里云接入，备案号仍
    在，需尽快在新服务商处接入。
  • 注销备案：删除工信部备案信息，继续用
    网站需重新备案。
  • 两种申请提交后都无法撤回。
  icp-faq explain cancel-vs-deregister

链接
• 阿里云备案系统
  https://beian.aliyun.com/

您的回答
• 您现在想做什么？
  不再使用阿里云，或删除备案
• 您希望保留备案号，还是删除备案？
  删除备案信息
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


def test_outcome_page_at_40_columns_in_chinese(shipped_tree: Tree) -> None:
    res = _result(shipped_tree, {"goal": "leave", "keep-number": "delete"})
    assert render(res, shipped_tree, "zh", 40) == GOLDEN_ZH_40


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [40, 80])
def test_every_outcome_page_fits_the_width(shipped_tree: Tree, lang: Lang, width: int) -> None:
    for p in paths(shipped_tree):
        res = _result(shipped_tree, dict(p.answers))
        page = render(res, shipped_tree, lang, width)
        flat = " ".join(page.split())  # undo wrapping
        assert flat.startswith(" ".join(p.outcome.title.get(lang).split()))
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
    assert headings == [
        "# 接入申请审核中",
        "## 怎么做",
        "## 相关问题",
        "### 接入备案审核不通过，会影响网站访问吗？",
        "### 接入备案期间能修改主体信息或网站信息吗？",
        "## 链接",
        "## 您的回答",
    ]
    assert "- [阿里云备案系统](https://beian.aliyun.com/)" in md
    assert "- 接入备案申请现在是什么状态？ **审核中** (`review-status=pending`)" in md
