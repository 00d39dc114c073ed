"""Shared fixtures: a clean, predictable environment for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "faq" / "icp-access.yaml"
SCHEMA = ROOT / "faq" / "schema.json"
SESSION_DOC = ROOT / "docs" / "session.md"
PATHS_HEADING = "## Every path through the shipped tree"
DATA = Path(__file__).resolve().parent / "data"
# The small tree the golden files render, so that content edits do not rewrite them.
FIXTURE = DATA / "fixture.yaml"

_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "ICP_FAQ_LANG",
    "ICP_FAQ_TREE",
    "ICP_FAQ_DEBUG",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "COLUMNS",
    "LINES",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No colour, language or tree setting leaks in from the developer's shell."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def shipped_tree():  # type: ignore[no-untyped-def]
    """The tree that ships with the package, loaded once."""
    from icp_faq.loader import load_tree

    return load_tree(SHIPPED)


@pytest.fixture(scope="session")
def fixture_tree():  # type: ignore[no-untyped-def]
    """The small tree of tests/data/fixture.yaml that the golden files render, loaded once."""
    from icp_faq.loader import load_tree

    return load_tree(FIXTURE)


def documented_paths() -> list[tuple[str, str]]:
    """docs/session.md's table of every path: ("q=c q=c ...", outcome id), in its order."""
    text = SESSION_DOC.read_text(encoding="utf-8")
    section = text[text.index(PATHS_HEADING) :]
    section = section[: section.find("\n## ", 1)]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    out = []
    for line in rows[1:]:  # after the header row
        answers, outcome = (cell.strip() for cell in line.strip("|").split("|"))
        out.append((answers, outcome))
    return out
