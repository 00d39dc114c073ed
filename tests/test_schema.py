"""faq/schema.json: a valid 2020-12 schema that accepts the shipped tree and rejects bad shapes."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import DATA, SCHEMA, SHIPPED
from icp_faq.loader import read_text

BROKEN = DATA / "broken"
CASES: list[dict[str, Any]] = yaml.safe_load((BROKEN / "cases.yaml").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _errors(path: Any) -> list[str]:
    data = yaml.safe_load(read_text(path))  # read_text: BOM and CRLF handled like the loader
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_shipped_tree_matches_the_schema() -> None:
    assert _errors(SHIPPED) == []


def test_minimal_tree_matches_the_schema() -> None:
    assert _errors(DATA / "minimal.yaml") == []


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["schema"] == "reject"], ids=lambda c: c["file"]
)
def test_schema_rejects_the_schema_level_broken_trees(case: dict[str, Any]) -> None:
    assert _errors(BROKEN / case["file"]), f"{case['file']} should break the schema"


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["schema"] == "accept"], ids=lambda c: c["file"]
)
def test_schema_accepts_what_only_validate_can_see(case: dict[str, Any]) -> None:
    """Graph problems, duplicate keys and warnings need `icp-faq validate`, not the schema."""
    assert _errors(BROKEN / case["file"]) == []


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["schema"] == "n/a"], ids=lambda c: c["file"]
)
def test_yaml_safe_load_cannot_read_the_files_marked_not_applicable(case: dict[str, Any]) -> None:
    path = BROKEN / case["file"]
    if not path.is_file():
        assert case["exit"] in (2, 3)  # a missing path or a directory
        return
    with pytest.raises((yaml.YAMLError, UnicodeDecodeError, ValueError)):
        yaml.safe_load(path.read_bytes())


def test_schema_and_loader_agree_on_the_id_pattern() -> None:
    from icp_faq.loader import ID_RE

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$defs"]["id"]["pattern"] == ID_RE.pattern


def test_schema_file_is_generated_from_the_model() -> None:
    """faq/schema.json is written by icp_faq.schema from the dataclasses; never by hand."""
    from icp_faq.schema import schema_text

    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: python -m icp_faq.schema > faq/schema.json"
    )
