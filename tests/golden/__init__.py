"""Golden files: expected outputs kept in the repo; ICP_FAQ_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with tests/golden/NAME (or write it when updating)."""
    path = HERE / name
    if os.environ.get("ICP_FAQ_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"missing golden {name}; run with ICP_FAQ_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from tests/golden/{name}"
