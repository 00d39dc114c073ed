"""The session's result renderers: exact text at 40 columns, the JSON contract, Markdown."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from conftest import DATA
from icp_faq.engine import Result, resolve
from icp_faq.loader import load_tree
from icp_faq.model import LANGS, Lang, Tree
from icp_faq.render.data import result_data
from icp_faq.render.markdown import result_markdown
from icp_faq.render.session import outcome_page
from support import environment, paths

SESSION = load_tree(DATA / "session.yaml")
GOLDEN_ZH_40 = """\
甲的结果

1. 第一步。
2. 第二步。

背景：这些步骤依据的问答
甲问题？
  • 甲的要点。
  icp-faq explain alpha
乙问题？
  • 乙的要点。
  icp-faq explain beta

链接
• 甲的链接
  https://example.com/alpha

您的回答
• 您想做什么？
  走长路
• 哪一种？
  一
• 最后一个？
  是
"""


def render(result: Result, tree: Tree, lang: Lang, width: int) -> str:
    env = environment(environ={"COLUMNS": str(width)})
    return env.render(outcome_page(result, tree, lang)) + "\n"


def _result(tree: Tree, answers: dict[str, str]) -> Result:
    res = resolve(tree, answers)
    assert isinstance(res, Result)
    return res


def test_outcome_page_at_40_columns_in_chinese() -> None:
    res = _result(SESSION, {"goal": "long", "detail": "one", "last": "yes"})
    assert render(res, SESSION, "zh", 40) == GOLDEN_ZH_40


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [40, 80])
def test_every_outcome_page_fits_the_width(shipped_tree: Tree, lang: Lang, width: int) -> None:
    for p in paths(shipped_tree):
        res = _result(shipped_tree, dict(p.answers))
        page = render(res, shipped_tree, lang, width)
        flat = "".join(page.split())  # undo wrapping (Chinese lines break without a space)
        assert flat.startswith("".join(p.outcome.title.get(lang).split()))
        for tid in p.outcome.topics:
            assert f"icp-faqexplain{tid}" in flat
        words = (line.split() for line in page.splitlines())
        assert all(cell_len(" ".join(w)) <= width or len(w) <= 2 for w in words)  # or a URL


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


def test_markdown_has_every_section() -> None:
    res = _result(SESSION, {"goal": "long", "detail": "two", "last": "yes"})
    md = result_markdown(res, SESSION, "zh")
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings == [
        "# 甲的结果",
        "## 怎么做",
        "## 背景：这些步骤依据的问答",
        "### 甲问题？",
        "### 乙问题？",
        "## 链接",
        "## 您的回答",
    ]
    assert "- [甲的链接](https://example.com/alpha)" in md
    assert "- 哪一种？ **二** (`detail=two`)" in md
