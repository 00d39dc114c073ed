"""Renderers without the CLI: exact text at fixed widths, JSON and Markdown goldens, graphs."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from rich.console import Console

from golden import assert_golden
from icp_faq.model import LANGS, Choice, Lang, Question, Text, Tree
from icp_faq.render.data import list_data, topic_data, tree_data
from icp_faq.render.graph import dot, dot_string, mermaid, mermaid_label
from icp_faq.render.layout import inline
from icp_faq.render.markdown import paragraphs, topic_markdown
from icp_faq.render.topic import topic_renderable
from icp_faq.render.tree import tree_renderable

ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def render(renderable: object, width: int, *, color: bool = False) -> str:
    """Record what a console of ``width`` columns would print."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        legacy_windows=False,
        _environ={},
    )
    console.print(renderable, crop=False)  # as Environment.render: a URL may overflow
    return out.getvalue()


def fits(line: str, width: int) -> bool:
    """Within ``width``, or one word that must not be broken (a URL, a command) overflowing."""
    words = line.split()
    return cells(line) <= width or (bool(words) and cells(words[-1]) > width - 4)


def cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [80, 40])
def test_topic_text_exact_at_fixed_widths(shipped_tree: Tree, lang: Lang, width: int) -> None:
    topic = shipped_tree.topic("cancel-vs-deregister")
    assert topic is not None
    text = render(topic_renderable(topic, lang, tree=shipped_tree), width)
    assert_golden(f"explain-cancel-vs-deregister.{lang}.{width}.txt", text)
    assert all(fits(line, width) for line in text.splitlines())
    assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("lang", LANGS)
def test_topic_text_has_every_part_and_fits_40_columns(shipped_tree: Tree, lang: Lang) -> None:
    for topic in shipped_tree.topics:
        text = render(topic_renderable(topic, lang, tree=shipped_tree), 40)
        assert all(fits(line, 40) for line in text.splitlines())
        flat = text.replace("\n", "").replace(" ", "")
        assert topic.title.get(lang).replace(" ", "") in flat
        for link in topic.links:
            assert link.url in text  # whole, overflowing 40 columns if it must
        for rid in topic.related:
            assert f"icp-faqexplain{rid}" in flat
        assert topic.source.anchor in text
        assert "**" not in text  # bold markers are rendered, not printed


def test_topic_text_without_tree_shows_related_commands(shipped_tree: Tree) -> None:
    topic = shipped_tree.topic("skip-access")
    assert topic is not None
    text = render(topic_renderable(topic, "en"), 80)
    for rid in topic.related:
        assert f"icp-faq explain {rid}" in text


def test_links_are_terminal_hyperlinks_with_colour(shipped_tree: Tree) -> None:
    topic = shipped_tree.topic("skip-access")
    assert topic is not None
    coloured = render(topic_renderable(topic, "en", tree=shipped_tree), 80, color=True)
    assert "\x1b]8;" in coloured  # OSC 8 hyperlink
    assert topic.links[0].url in ANSI.sub("", coloured)
    plain = render(topic_renderable(topic, "en", tree=shipped_tree), 80)
    assert "\x1b" not in plain


def test_inline_bold() -> None:
    text = inline("press **Add Website** or **继续**")
    assert text.plain == "press Add Website or 继续"
    assert [text.plain[s.start : s.end] for s in text.spans] == ["Add Website", "继续"]


@pytest.mark.parametrize("lang", LANGS)
def test_tree_text_exact(shipped_tree: Tree, lang: Lang) -> None:
    text = render(tree_renderable(shipped_tree, lang), 100)
    assert_golden(f"tree.{lang}.txt", text)
    for node in shipped_tree.nodes:
        assert f"[{node.id}]" in text


def test_tree_text_survives_loops_and_dangling_targets(shipped_tree: Tree) -> None:
    loop = Question(
        "goal",
        Text("Q?", "Q?"),
        (Choice("again", Text("a", "a"), "goal"), Choice("gone", Text("b", "b"), "nowhere")),
    )
    broken = replace(shipped_tree, questions=(loop,), outcomes=())
    text = render(tree_renderable(broken, "en"), 80)
    assert "(see above)" in text and "? nowhere" in text


@pytest.mark.parametrize("lang", LANGS)
def test_topic_json_golden(shipped_tree: Tree, lang: Lang) -> None:
    data = [topic_data(t, lang) for t in shipped_tree.topics]
    for item in data:
        assert list(item) == [
            "id", "lang", "title", "answer", "points", "links", "related", "source"
        ]  # fmt: skip
        assert item["lang"] == lang
    assert_golden(f"topics.{lang}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_golden_per_topic(shipped_tree: Tree, lang: Lang) -> None:
    for topic in shipped_tree.topics:
        md = topic_markdown(topic, lang, tree=shipped_tree)
        assert md.startswith(f"## {topic.title.get(lang)}\n\n")
        assert md.count("\n## ") == 0  # one self-contained section
        assert_golden(f"explain-{topic.id}.{lang}.md", md)


def test_markdown_paragraphs_and_lists() -> None:
    assert paragraphs("one\ntwo") == "one\n\ntwo"
    assert paragraphs("intro\n- a\n- b\n\nend") == "intro\n\n- a\n- b\n\nend"


def test_list_and_tree_data_contracts(shipped_tree: Tree) -> None:
    items = list_data(shipped_tree, "en")
    assert [i["id"] for i in items] == [t.id for t in shipped_tree.topics]
    assert all(set(i) == {"id", "title", "source"} for i in items)
    data = tree_data(shipped_tree, "zh")
    assert data["start"] == shipped_tree.start
    assert list(data["nodes"]) == [n.id for n in shipped_tree.nodes]
    for node in data["nodes"].values():
        if node["kind"] == "question":
            assert set(node) == {"kind", "text", "choices"}
            assert all(set(c) == {"id", "label", "next"} for c in node["choices"])
        else:
            assert set(node) == {"kind", "title", "steps", "topics", "covered"}


def test_mermaid_labels_are_quoted_and_escaped() -> None:
    assert mermaid_label('say "hi" #1 <b>') == '"say #quot;hi#quot; #35;1 #lt;b#gt;"'
    assert mermaid_label("two\nlines") == '"two lines"'


@pytest.mark.parametrize("lang", LANGS)
def test_mermaid_shape(shipped_tree: Tree, lang: Lang) -> None:
    text = mermaid(shipped_tree, lang)
    assert_golden(f"tree.{lang}.mmd", text)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    edges = [ln for ln in lines if "-->" in ln]
    assert len(edges) == sum(len(q.choices) for q in shipped_tree.questions)
    node_line = re.compile(r'^    [qo]_[A-Za-z0-9_]+(\{"[^"]*"\}|\("[^"]*"\))$')
    edge_line = re.compile(r'^    [qo]_[A-Za-z0-9_]+ -->\|"[^"]*"\| [qo]_[A-Za-z0-9_]+$')
    for ln in lines[1:]:
        assert node_line.match(ln) or edge_line.match(ln) or ln.lstrip().startswith("class"), ln


def test_dot_escapes() -> None:
    assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


@pytest.mark.parametrize("lang", LANGS)
def test_dot_golden_and_graphviz(shipped_tree: Tree, lang: Lang, tmp_path: object) -> None:
    text = dot(shipped_tree, lang)
    assert_golden(f"tree.{lang}.dot", text)
    assert text.startswith('digraph "icp-faq" {') and text.rstrip().endswith("}")
    if shutil.which("dot") is None:
        pytest.skip("graphviz 'dot' is not installed")
    done = subprocess.run(
        ["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"<svg" in done.stdout


@pytest.mark.parametrize("width", [10, 19, 20, 21, 40])
def test_chinese_lines_never_start_with_closing_punctuation(width: int) -> None:
    from icp_faq.render.wrap import NO_END, NO_START, break_offsets

    text = "如果您在阿里云已经有备案成功的主体和网站，登录阿里云备案系统后，“增加网站”与《规则》。"
    offsets = break_offsets(text, width)
    lines = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
    assert "".join(lines) == text
    assert all(cells(line) <= width for line in lines)
    assert all(line[0] not in NO_START for line in lines[1:])
    assert all(line[-1] not in NO_END for line in lines[:-1])


def test_english_breaks_at_spaces_and_never_splits_a_url() -> None:
    from icp_faq.render.wrap import break_offsets

    text = "see https://help.aliyun.com/document_detail/36924.html now and then"
    offsets = break_offsets(text, 20)
    lines = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
    assert [line.strip() for line in lines] == [
        "see",
        "https://help.aliyun.com/document_detail/36924.html",  # overflows, whole
        "now and then",
    ]
