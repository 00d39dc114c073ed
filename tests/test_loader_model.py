"""The model the loader builds: language fallback, lookups, first definition wins, immutability."""

from __future__ import annotations

import dataclasses

import pytest

from icp_faq.model import (
    NOWHERE,
    Choice,
    Outcome,
    Pos,
    Question,
    Source,
    Text,
    Topic,
    Tree,
    one_line,
)


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (Text("中", "en"), "中", "en"),
        (Text("中", None), "中", "中"),
        (Text(None, "en"), "en", "en"),
        (Text("", "en"), "en", "en"),
        (Text("中", ""), "中", "中"),
        (Text(None, None), "", ""),
    ],
)
def test_text_get_falls_back_to_the_other_language_then_empty(text: Text, zh: str, en: str) -> None:
    assert (text.get("zh"), text.get("en")) == (zh, en)


def test_text_pos_of_falls_back_to_the_mapping() -> None:
    t = Text("中", None, pos=Pos(3, 8), zh_pos=Pos(3, 13))
    assert t.pos_of("zh") == Pos(3, 13)
    assert t.pos_of("en") == Pos(3, 8)


def test_positions_do_not_take_part_in_equality() -> None:
    assert Text("a", "b", pos=Pos(1, 1)) == Text("a", "b", pos=Pos(9, 9))
    assert Pos(0, 0) == NOWHERE and Pos(2, 1) > Pos(1, 9)


def _outcome(oid: str) -> Outcome:
    return Outcome(oid, Text(oid, oid), (Text("s", "s"),), ("t",), ())


def _topic(tid: str, title: str) -> Topic:
    return Topic(tid, Text(title, title), Text("a", "a"), Source("h", "s"))


def test_tree_lookups_and_first_definition_wins() -> None:
    q = Question("q", Text("?", "?"), (Choice("a", Text("a", "a"), "o1"),))
    tree = Tree(
        title=Text("t", "t"),
        start="q",
        topics=(_topic("t", "first"), _topic("t", "second"), _topic("u", "u")),
        questions=(q,),
        outcomes=(_outcome("o1"), _outcome("q")),
    )
    topic = tree.topic("t")
    assert topic is not None and topic.title.en == "first"
    assert tree.topic("nope") is None
    assert tree.node("q") is q  # a question shadows a later outcome with the same id
    assert tree.question("q") is q
    assert tree.question("o1") is None and tree.node("o1") is not None
    assert [n.id for n in tree.nodes] == ["q", "o1", "q"]
    assert [n.kind for n in tree.nodes] == ["question", "outcome", "outcome"]
    assert q.choice("a") is not None and q.choice("b") is None


def test_model_is_frozen() -> None:
    t = Text("a", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.zh = "c"  # type: ignore[misc]


def test_one_line_escapes_control_characters_and_cuts_long_text() -> None:
    assert one_line("中文 id") == "中文 id"
    assert one_line("a\nb\tc\x00") == "a\\nb\\tc\\x00"
    assert one_line("x" * 100, limit=10) == "x" * 9 + "…"
