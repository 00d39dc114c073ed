"""Property tests: no input makes loading raise anything but FaqFileError, nor check() raise."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, SHIPPED
from icp_faq.loader import FaqFileError, build_tree, decode, parse_text
from icp_faq.model import Tree
from icp_faq.validate import CHECKS, Finding, check

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SHIPPED_TEXT = SHIPPED.read_text(encoding="utf-8")
MINIMAL_TEXT = (DATA / "minimal.yaml").read_text(encoding="utf-8")
SHIPPED_DATA: dict[str, Any] = yaml.safe_load(SHIPPED_TEXT)
MINIMAL_DATA: dict[str, Any] = yaml.safe_load(MINIMAL_TEXT)

#: Keys of the format, so random mappings often look like (parts of) a tree.
KEYS = [
    "format", "title", "start", "topics", "questions", "outcomes", "id", "zh", "en",
    "answer", "points", "links", "related", "aliases", "source", "anchor", "url",
    "text", "help", "choices", "label", "next", "steps",
]  # fmt: skip


def _load(text: str) -> Tree | None:
    """Parse and build; ``None`` when the loader rejects the text with its own error."""
    try:
        return build_tree(parse_text(text, "fuzz.yaml"), "fuzz.yaml")
    except FaqFileError as exc:
        assert str(exc).startswith("fuzz.yaml")
        assert "\n" not in exc.message
        return None


def _check_never_raises(tree: Tree | None) -> None:
    if tree is None:
        return
    findings = check(tree)
    assert all(isinstance(f, Finding) and f.code in CHECKS for f in findings)
    assert all("\n" not in f.line("fuzz.yaml") for f in findings)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from([*KEYS, "https://example.com", "http://x", "", " ", "no", "on", "~"]),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8), st.integers(), st.booleans())
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(keys, inner, max_size=6),
    ),
    max_leaves=40,
)


@FUZZ
@given(documents, st.booleans())
def test_random_yaml_documents_only_raise_faq_file_error(data: Any, flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    _check_never_raises(_load(text))


SOUP = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("{}[]:,-?!&*|>'\"#%@`\t\n\r ~.0123456789abcxyz")),
        st.sampled_from(["\ufeff", "\x00", "\x07", "\x85", "\u2028", "中", "文", "？"]),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
)


@FUZZ
@given(SOUP)
def test_random_character_soup_only_raises_faq_file_error(text: str) -> None:
    _check_never_raises(_load(text))


# --------------------------------------------------------------------------- mutations


def _containers(node: Any, found: list[Any]) -> list[Any]:
    """Every list and mapping inside ``node``, itself included."""
    if isinstance(node, dict | list):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, found)
    return found


REPLACEMENTS = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.sampled_from(KEYS), scalars, max_size=3),
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The shipped or minimal tree with one to three structural changes, dumped again."""
    data = copy.deepcopy(draw(st.sampled_from([SHIPPED_DATA, MINIMAL_DATA])))
    for _ in range(draw(st.integers(1, 3))):
        spots = _containers(data, [])
        spot = draw(st.sampled_from(spots))
        if not spot:
            continue
        if isinstance(spot, dict):
            key = draw(st.sampled_from(sorted(spot, key=str)))
            op = draw(st.sampled_from(["drop", "rename", "swap"]))
            if op == "drop":
                del spot[key]
            elif op == "rename":
                spot[draw(keys)] = spot.pop(key)
            else:
                spot[key] = draw(REPLACEMENTS)
        else:
            i = draw(st.integers(0, len(spot) - 1))
            op = draw(st.sampled_from(["drop", "duplicate", "swap"]))
            if op == "drop":
                del spot[i]
            elif op == "duplicate":
                spot.insert(i, copy.deepcopy(spot[i]))
            else:
                spot[i] = draw(REPLACEMENTS)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@FUZZ
@given(mutated())
def test_structural_mutations_only_raise_faq_file_error(text: str) -> None:
    _check_never_raises(_load(text))


@FUZZ
@given(st.sampled_from([SHIPPED_TEXT, MINIMAL_TEXT]), st.data())
def test_duplicated_lines_only_raise_faq_file_error(text: str, data: st.DataObject) -> None:
    """Copying a line duplicates a key (an error) or a list item (maybe fine)."""
    lines = text.splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1))
    lines.insert(i, lines[i])
    _check_never_raises(_load("".join(lines)))


@FUZZ
@given(st.sampled_from([SHIPPED_TEXT, MINIMAL_TEXT]), st.data())
def test_truncated_trees_only_raise_faq_file_error(text: str, data: st.DataObject) -> None:
    raw = text.encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    try:
        decoded = decode(raw[:cut], "fuzz.yaml")  # a cut inside a character is not UTF-8
    except FaqFileError:
        return
    _check_never_raises(_load(decoded))


@FUZZ
@given(st.sampled_from([SHIPPED_TEXT, MINIMAL_TEXT]), st.binary(min_size=1, max_size=8), st.data())
def test_inserted_bytes_only_raise_faq_file_error(
    text: str, junk: bytes, data: st.DataObject
) -> None:
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    try:
        decoded = decode(raw[:at] + junk + raw[at:], "fuzz.yaml")
    except FaqFileError as exc:
        assert exc.line >= 1 and exc.col >= 1
        return
    _check_never_raises(_load(decoded))
