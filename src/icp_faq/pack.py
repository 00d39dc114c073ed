"""The packaged tree, stored already checked: a compact JSON the package reads with the stdlib.

At build time (``hatch_build.py``) the shipped YAML goes through the real loader and
validator, and ``pack`` writes what they accepted, key by key as the model describes it
(``model.doc`` fields; positions and defaults left out). At run time ``loader.build_tree``
reads it back: YAML is never parsed for the packaged tree in a wheel.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from .errors import InvalidTree
from .loader import FORMAT_VERSION, content_fields, load_tree
from .model import LANGS, Text, Tree, Words


def encode(value: Any) -> Any:
    """A model value as plain JSON data, with the tree file's keys."""
    if isinstance(value, Text):
        return {lang: getattr(value, lang) for lang in LANGS if getattr(value, lang) is not None}
    if isinstance(value, Words):
        return {lang: list(value.get(lang)) for lang in LANGS if value.get(lang)}
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        defaults = {f.name: f.default for f in dataclasses.fields(value)}
        return {
            name: encode(getattr(value, name))
            for name, *_ in content_fields(type(value))
            if getattr(value, name) != defaults[name]
        }
    return value


def pack(tree: Tree) -> str:
    """The tree as the packaged JSON text."""
    return json.dumps({"format": FORMAT_VERSION, **encode(tree)}, ensure_ascii=False)


def pack_file(source: Path, target: Path) -> None:
    """Load and validate ``source`` (errors stop the build), then write ``target``."""
    from .validate import check, errors_of

    tree = load_tree(source)
    errors = errors_of(check(tree), strict=True)
    if errors:
        raise InvalidTree(str(source), [f.line(str(source), strict=True) for f in errors])
    target.write_text(pack(tree), encoding="utf-8")
