"""The safe YAML reader: positions, duplicate keys, plain strings, one document, both parsers."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import DATA, SHIPPED
from icp_faq import _yaml
from icp_faq._yaml import Scalar, YamlError, YMap, YSeq, parse
from icp_faq.model import Pos


def _error(text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        parse(text)
    return info.value


def test_mappings_sequences_and_scalars_keep_their_positions() -> None:
    data = parse("a:\n  - x\n  - {k: 中文, z: 2}\nb: 'quoted'\n")
    assert isinstance(data, YMap) and data.pos == Pos(1, 1)
    assert data.key_pos == {"a": Pos(1, 1), "b": Pos(4, 1)}
    seq = data["a"]
    assert isinstance(seq, YSeq) and seq.pos == Pos(2, 3)
    assert seq[0] == "x" and seq[0].pos == Pos(2, 5)
    inner = seq[1]
    assert inner.pos == Pos(3, 5)
    assert inner["z"].pos == Pos(3, 16)  # columns count characters, not UTF-8 bytes
    assert data["b"] == "quoted" and data["b"].pos == Pos(4, 4)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("no", "bool"),
        ("on", "bool"),
        ("yes", "bool"),
        ("1", "int"),
        ("0x1f", "int"),
        ("1.5", "float"),
        ("~", "null"),
        ("", "null"),
        ("2024-01-01", "timestamp"),
        ("'no'", "str"),
        ('"1"', "str"),
        ("!!str 1", "str"),
        ("plain words", "str"),
    ],
)
def test_scalars_stay_strings_and_carry_the_yaml_tag(text: str, tag: str) -> None:
    value = parse(f"k: {text}\n")["k"]
    assert isinstance(value, Scalar)
    assert value.tag == tag
    if tag == "str":
        assert value == yaml.safe_load(f"k: {text}\n")["k"]


def test_no_and_on_are_never_booleans() -> None:
    data = parse("choices: [no, on, off, yes]\n")
    assert list(data["choices"]) == ["no", "on", "off", "yes"]
    assert all(isinstance(v, str) for v in data["choices"])


def test_duplicate_key_names_both_lines() -> None:
    err = _error("title: a\nother: b\n\ntitle: c\n")
    assert err.pos == Pos(4, 1)
    assert err.message == "duplicate key 'title' (first defined at line 1)"


def test_duplicate_key_in_a_nested_flow_mapping() -> None:
    err = _error("t:\n  x: {zh: a, en: b, zh: c}\n")
    assert err.pos == Pos(2, 21)
    assert "duplicate key 'zh' (first defined at line 2)" in err.message


def test_equal_keys_in_different_mappings_are_fine() -> None:
    assert parse("a: {id: 1}\nb: {id: 2}\n")["b"]["id"] == "2"


def test_only_one_document() -> None:
    err = _error("a: 1\n---\nb: 2\n")
    assert err.pos == Pos(2, 1)
    assert err.message == "only one YAML document is allowed in a file"
    assert parse("---\na: 1\n...\n") == {"a": "1"}


def test_empty_text_and_comments_only_give_none() -> None:
    assert parse("") is None
    assert parse("# just a comment\n\n") is None


def test_non_text_keys_are_refused() -> None:
    assert "must be a text, not a mapping" in _error("? {a: 1}\n: x\n").message
    assert "must be a text, not a list" in _error("? [a]\n: x\n").message


def test_depth_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_yaml, "MAX_DEPTH", 3)
    assert parse("a: {b: {c: 1}}\n") == {"a": {"b": {"c": "1"}}}
    err = _error("a: {b: {c: [1]}}\n")
    assert err.message == "nesting is deeper than 3 levels"
    assert err.pos == Pos(1, 12)


def test_syntax_error_has_a_position_and_the_parser_context() -> None:
    err = _error("a: [1, 2\nb: 3\n")
    assert err.message.startswith("invalid YAML: ")
    assert "started at line 1" in err.message
    assert err.pos.line == 2


def test_tab_indentation_gets_a_plain_hint() -> None:
    err = _error("a:\n\tb: 1\n")
    assert err.pos == Pos(2, 1)
    assert (
        err.message == "invalid YAML: a tab character is used for indentation; indent with spaces"
    )


def test_control_character_is_located_by_character_not_byte() -> None:
    err = _error("a: 中文中文\nb: x\x1by\n")
    assert err.pos == Pos(2, 5)
    assert err.message == "invalid YAML: control character U+001B is not allowed in a YAML file"


def test_lone_surrogate_from_code_is_an_error_not_a_crash() -> None:
    err = _error("a: \ud800\n")
    assert err.pos == Pos(1, 4)


@pytest.fixture(params=["c", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and with PyYAML's pure-Python one."""
    if request.param == "python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("libyaml not available")
    return str(request.param)


def _as_text(value: Any) -> Any:
    """PyYAML's reading of a tree with booleans (``covered: false``) as the text icp-faq reads."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value


def test_both_parsers_read_the_shipped_and_minimal_trees_alike(parser: str) -> None:
    for path in (SHIPPED, DATA / "minimal.yaml", DATA / "fixture.yaml"):
        text = path.read_text(encoding="utf-8")
        assert parse(text) == _as_text(yaml.safe_load(text)) | {"format": "1"}


def test_both_parsers_refuse_aliases_tags_and_duplicates(parser: str) -> None:
    assert "aliases ('*a')" in _error("x: &a 1\ny: *a\n").message
    assert "tag '!!python/name:os.system'" in _error("x: !!python/name:os.system ''\n").message
    assert _error("x: 1\nx: 2\n").pos == Pos(2, 1)
