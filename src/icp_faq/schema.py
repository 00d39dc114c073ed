"""``faq/schema.json``, written from the model's fields: ``python -m icp_faq.schema > FILE``.

The schema is for editors (completion and checks as you type); it is generated, never
edited by hand, and a test keeps the committed file equal to this output. What a schema
cannot see (dangling ids, cycles, translations) is ``icp-faq validate``'s job.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

from .loader import FORMAT_VERSION, ID_RE, content_fields, item_type, noun
from .model import Text, Tree, Words

TEXT = {"type": "string", "minLength": 1, "pattern": "\\S"}
BASE = {
    "id": {
        "type": "string",
        "pattern": ID_RE.pattern,
        "description": "Lowercase letters, digits, '-' and '_'; stable, scripts depend on it.",
    },
    "ids": {"type": "array", "items": {"$ref": "#/$defs/id"}, "uniqueItems": True},
    "text": {
        "type": "object",
        "description": "One text in Chinese (zh) and English (en).",
        "additionalProperties": False,
        "required": ["zh", "en"],
        "properties": {"zh": TEXT, "en": TEXT},
    },
    "words": {
        "type": "object",
        "description": "Short texts per language.",
        "additionalProperties": False,
        "properties": {lang: {"type": "array", "items": TEXT} for lang in ("zh", "en")},
    },
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _value(hint: Any, meta: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one field's value; records it refers to are added to ``defs``."""
    kind = meta.get("kind", "")
    if typing.get_origin(hint) is tuple:
        if kind == "ids":
            out = _ref("ids")
        else:
            out = {"type": "array", "items": _value(item_type(hint), {}, defs)}
        if meta.get("min_items") and "unless" not in meta:
            out["minItems"] = meta["min_items"]
        return out
    hint = item_type(hint)
    if hint is Text:
        return _ref("text")
    if hint is Words:
        return _ref("words")
    if hint is bool:
        return {"type": "boolean"}
    if hint is str:
        if kind in ("id", "ref"):
            return _ref("id")
        if kind == "url":
            return {"type": "string", "pattern": "^https://\\S+$"}
        return dict(TEXT)
    name = noun(hint)
    if name not in defs:
        defs[name] = {}  # placeholder first: records may refer to each other
        defs[name] = _record(hint, defs)
    return _ref(name)


def _record(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    conditions: list[dict[str, Any]] = []
    for name, hint, meta, needed in content_fields(cls):
        prop = _value(hint, meta, defs)
        if "$ref" in prop and len(prop) == 1 and meta["doc"]:
            prop = {**prop, "description": meta["doc"]}
        else:
            prop["description"] = meta["doc"]
        default = next(f.default for f in dataclasses.fields(cls) if f.name == name)
        if isinstance(default, bool):
            prop["default"] = default
        properties[name] = prop
        if needed:
            required.append(name)
        if "unless" in meta:  # e.g. topics need an item unless the outcome is covered: false
            other, value = meta["unless"]
            conditions.append(
                {
                    "if": {"not": {"properties": {other: {"const": value}}, "required": [other]}},
                    "then": {"properties": {name: {"minItems": meta["min_items"]}}},
                }
            )
    out: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n")[0],
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }
    if conditions:
        out["allOf"] = conditions
    return out


def schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a tree file."""
    defs: dict[str, Any] = dict(BASE)
    top = _record(Tree, defs)
    top["required"] = ["format", *top["required"]]
    top["properties"] = {
        "format": {"const": FORMAT_VERSION, "description": "Version of this format."},
        **top["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:icp-faq:schema:tree:{FORMAT_VERSION}",
        "title": "icp-faq tree",
        "description": (
            "A bilingual FAQ: topics (one per source entry) and a decision tree of questions"
            " and outcomes over them. Generated from src/icp_faq/model.py; see"
            " docs/tree-format.md."
        ),
        **{k: v for k, v in top.items() if k != "description"},
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the file holds it."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
