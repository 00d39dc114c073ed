"""Which tree a command reads, and reading it: the packaged one, or ``--tree PATH``.

A tree is validated as it is opened: one that fails ``validate`` (errors, not warnings)
is never shown, it ends the command with exit 3 and its findings. The packaged tree in a
wheel was validated when the wheel was built and is read from its packed JSON; from a
source checkout (an editable install) it is the repository's ``faq/`` YAML, checked on
every run like any other file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import InvalidTree
from .loader import build_tree, load_tree
from .model import Tree

NAME = "icp-access"
HERE = Path(__file__).resolve().parent


def packaged_yaml() -> Path:
    """The packaged tree's YAML: beside the package in a wheel, else the checkout's ``faq/``."""
    beside = HERE / "data" / f"{NAME}.yaml"
    return beside if beside.is_file() else HERE.parents[1] / "faq" / f"{NAME}.yaml"


def open_tree(path: str | os.PathLike[str] | None) -> Tree:
    """The tree at ``path``, or the packaged tree when ``path`` is ``None``; validated.

    Raises ``NoSuchFile`` (exit 2), ``FaqFileError`` (exit 3) or ``InvalidTree`` (exit 3).
    """
    if path is None:
        packed = HERE / "data" / f"{NAME}.json"
        if packed.is_file():
            return build_tree(json.loads(packed.read_text(encoding="utf-8")), str(packed))
        path = packaged_yaml()
    tree = load_tree(path)
    from .validate import check, errors_of

    errors = errors_of(check(tree, warnings=False))
    if errors:
        shown = os.fspath(path)
        raise InvalidTree(shown, [f.line(shown) for f in errors])
    return tree
