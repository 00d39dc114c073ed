"""The loader: reading bytes, caps, and turning positioned data into the model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import DATA, SHIPPED
from icp_faq import loader
from icp_faq.errors import NoSuchFile
from icp_faq.loader import FaqFileError, build_tree, decode, load_tree, parse_text, read_text
from icp_faq.model import Pos, Text, Words

MINIMAL = DATA / "minimal.yaml"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")


def _fails(text: str) -> FaqFileError:
    with pytest.raises(FaqFileError) as info:
        build_tree(parse_text(text, "t.yaml"), "t.yaml")
    return info.value


# --------------------------------------------------------------------------- reading


def test_error_text_is_path_line_col_error_message() -> None:
    assert str(FaqFileError("f.yaml", 4, 2, "bad")) == "f.yaml:4:2: error: bad"
    assert str(NoSuchFile("f.yaml", 0, 0, "gone")) == "f.yaml: error: gone"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(NoSuchFile) as info:
        read_text(tmp_path / "nope.yaml")
    assert info.value.exit_code == 2
    assert info.value.message == "no such tree file"


def test_directory_is_an_invalid_tree_file(tmp_path: Path) -> None:
    with pytest.raises(FaqFileError) as info:
        read_text(tmp_path)
    assert info.value.exit_code == 3
    assert info.value.message == "is a directory, not a tree file"


def test_size_cap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 30)  # 150 bytes
    monkeypatch.setattr(loader, "MAX_BYTES", 150)
    assert read_text(path) == "a: 1\n" * 30
    monkeypatch.setattr(loader, "MAX_BYTES", 149)
    with pytest.raises(FaqFileError) as info:
        read_text(path)
    assert info.value.message == "is larger than 149 bytes, the most a tree file may be"
    assert str(info.value) == f"{path}: error: {info.value.message}"


def test_bom_crlf_and_lone_cr_read_as_plain_newlines() -> None:
    assert decode(b"\xef\xbb\xbfa: 1\r\nb: 2\rc: 3\n", "f") == "a: 1\nb: 2\nc: 3\n"


def test_bom_crlf_tree_loads_equal_to_the_plain_one(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_TEXT.replace("\n", "\r\n").encode())
    assert replace(load_tree(path), path=str(MINIMAL)) == load_tree(MINIMAL)


def test_non_utf8_names_line_and_character_column() -> None:
    data = "a: 中文\nb: 中".encode() + "文".encode("gbk") + b"\n"
    with pytest.raises(FaqFileError) as info:
        decode(data, "f.yaml")
    assert (info.value.line, info.value.col) == (2, 5)
    assert "is not valid UTF-8 (byte 0xce); save the file as UTF-8" in info.value.message


def test_nul_byte_means_binary() -> None:
    with pytest.raises(FaqFileError) as info:
        decode("a: 1\nb: 中\0".encode(), "f.yaml")
    assert (info.value.line, info.value.col) == (2, 5)
    assert "binary file" in info.value.message


# --------------------------------------------------------------------------- building


def test_minimal_tree_builds_with_positions() -> None:
    tree = load_tree(MINIMAL)
    assert tree.path == str(MINIMAL)
    assert tree.start == "goal" and tree.start_pos == Pos(4, 8)
    assert [t.id for t in tree.topics] == ["alpha", "beta"]
    alpha = tree.topics[0]
    assert alpha.pos == Pos(7, 5)
    assert alpha.title == Text("甲问题", "The alpha question")
    assert alpha.title.en_pos == Pos(8, 26)
    assert alpha.links[0].url == "https://example.com/alpha" and alpha.links[0].url_pos == Pos(
        14, 14
    )
    assert alpha.aliases == Words(("甲",), ("first",))
    assert alpha.source.anchor == "section_alpha"
    goal = tree.question("goal")
    assert goal is not None and [c.next for c in goal.choices] == ["done-alpha", "done-beta"]
    assert tree.outcomes[1].topics == ("beta",) and tree.outcomes[1].topics_pos == Pos(53, 5)


def test_shipped_tree_loads() -> None:
    tree = load_tree(SHIPPED)
    assert len(tree.topics) == 8 and tree.questions and tree.outcomes


@pytest.mark.parametrize("value", ["1", "0x1", "01", "+1", "0b1"])
def test_format_accepts_any_yaml_spelling_of_one(value: str) -> None:
    tree = build_tree(parse_text(MINIMAL_TEXT.replace("format: 1", f"format: {value}"), "t"), "t")
    assert tree.start == "goal"


@pytest.mark.parametrize("value", ["2", "1.0", '"1"', "!!int abc", "one", "[1]", "~"])
def test_format_rejects_anything_else(value: str) -> None:
    err = _fails(MINIMAL_TEXT.replace("format: 1", f"format: {value}"))
    assert (err.line, err.col) == (2, 9)
    assert err.message == "'format' must be 1 (this tool reads format 1)"


def test_ids_like_no_and_on_stay_text() -> None:
    text = MINIMAL_TEXT.replace("- id: a\n", "- id: no\n").replace("- id: b\n", "- id: on\n")
    tree = build_tree(parse_text(text, "t"), "t")
    goal = tree.question("goal")
    assert goal is not None and [c.id for c in goal.choices] == ["no", "on"]


def test_a_missing_language_is_none_and_a_null_one_is_empty() -> None:
    text = MINIMAL_TEXT.replace("{zh: 甲问题, en: The alpha question}", "{zh: 甲问题}")
    text = text.replace("{zh: 乙问题, en: The beta question}", "{zh: ~, en: Beta}")
    tree = build_tree(parse_text(text, "t"), "t")
    assert tree.topics[0].title == Text("甲问题", None)
    assert tree.topics[1].title == Text("", "Beta")


@pytest.mark.parametrize(
    ("old", "new", "line", "col", "message"),
    [
        (
            "title: {zh: 示例问答, en: Example FAQ}",
            "title: {zh: a, en: b, fr: c}",
            3,
            23,
            "unknown key 'fr' in 'title'; expected: zh, en",
        ),
        ("start: goal", "start: [goal]", 4, 8, "'start' must be a text"),
        (
            "related: [beta]",
            "related: [[beta]]",
            15,
            15,
            "topic 'alpha': 'related' must be a list of ids",
        ),
        (
            "aliases: {zh: [甲], en: [first]}",
            "aliases: [甲]",
            16,
            14,
            "topic 'alpha': 'aliases' must be a mapping",
        ),
        (
            "aliases: {zh: [甲], en: [first]}",
            "aliases: {zh: [[甲]]}",
            16,
            20,
            "topic 'alpha': 'aliases.zh' must be a list of texts",
        ),
        (
            "    points:\n      - {zh: 甲的要点。, en: An alpha point.}",
            "    points: [x]",
            10,
            14,
            "topic 'alpha': 'points' must be a mapping with a 'zh' and an 'en' text",
        ),
        (
            "        url: https://example.com/alpha\n    related",
            "    related",
            13,
            9,
            "topic 'alpha': link 1 is missing 'url'",
        ),
        (
            "      - id: a\n",
            "      - id: 'a b'\n",
            32,
            13,
            "question 'goal', choice 1: 'id' 'a b' must be lowercase letters, digits, '-' or '_'",
        ),
        (
            "    text: {zh: 您想做什么？",
            "    help: x\n    text: {zh: 您想做什么？",
            30,
            11,
            "question 'goal': 'help' must be a mapping with a 'zh' and an 'en' text",
        ),
        (
            "    source: {title: 甲问题, anchor: section_alpha}",
            "    source: {title: 甲问题}",
            17,
            13,
            "topic 'alpha': 'source' is missing 'anchor'",
        ),
    ],
)
def test_shape_errors_point_at_the_problem(
    old: str, new: str, line: int, col: int, message: str
) -> None:
    assert old in MINIMAL_TEXT
    err = _fails(MINIMAL_TEXT.replace(old, new, 1))
    assert err.message.startswith(message), err.message
    assert (err.line, err.col) == (line, col), str(err)


def test_unknown_key_suggests_the_closest_known_key() -> None:
    err = _fails(MINIMAL_TEXT.replace("start: goal", "strat: goal"))
    assert err.message.startswith("unknown key 'strat' in the top level (did you mean 'start'?)")
    far = _fails(MINIMAL_TEXT.replace("start: goal", "zzz: goal"))
    assert "did you mean" not in far.message


def test_empty_file_and_top_level_scalar() -> None:
    assert "the file is empty" in _fails("").message
    err = _fails("just words\n")
    assert (err.line, err.message) == (1, "the top level must be a mapping")


def test_a_key_with_a_line_break_is_shown_on_one_line() -> None:
    err = _fails(MINIMAL_TEXT.replace("start: goal", 'start: goal\n? "a\\nb"\n: 1'))
    assert err.message.startswith("unknown key 'a\\nb' in the top level")
    assert "\n" not in str(err)
