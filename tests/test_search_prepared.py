"""The packaged tree's search indexes, prepared at build time: the same answers as indexes
built on the spot, used only for the packed tree they were made from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import DATA, SHIPPED
from icp_faq.loader import build_tree, load_tree
from icp_faq.model import Tree
from icp_faq.pack import pack
from icp_faq.search import Index, prepared


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped tree packed as the wheel packs it, with its prepared indexes beside it."""
    path = tmp_path_factory.mktemp("data") / "icp-access.json"
    path.write_text(pack(load_tree(SHIPPED)), encoding="utf-8")
    prepared.write(path)
    return path


def _tree(path: Path) -> Tree:
    return build_tree(json.loads(path.read_text(encoding="utf-8")), str(path))


def _ranked(index: Index, query: str) -> list[tuple[str, float, float, float, bool]]:
    return [(h.item.id, h.score, h.coverage, h.beyond, h.quoted) for h in index.rank(query)]


@pytest.mark.parametrize("langs", prepared.SETS)
def test_prepared_indexes_rank_every_question_as_built_ones_do(
    packed: Path, langs: tuple[str, ...]
) -> None:
    tree = _tree(packed)
    ready = prepared.load(tree, langs, packed)  # type: ignore[arg-type]
    assert ready is not None
    built = Index(tree, langs)  # type: ignore[arg-type]
    items = yaml.safe_load((DATA / "search_real_tuning.yaml").read_text(encoding="utf-8"))
    for item in items:
        assert _ranked(ready, item["q"]) == _ranked(built, item["q"]), item["q"]
        assert ready.answer(item["q"]).reason == built.answer(item["q"]).reason


def test_prepared_indexes_serve_only_the_packed_tree_they_were_made_from(
    packed: Path, tmp_path: Path
) -> None:
    tree = _tree(packed)
    assert prepared.load(tree, ("zh",), packed) is not None
    # another file, even with the same content
    other = tmp_path / "icp-access.json"
    other.write_bytes(packed.read_bytes())
    assert prepared.load(_tree(other), ("zh",)) is None
    assert prepared.load(tree, ("zh",), other) is None  # no prepared file beside it
    # the packed tree changed after the indexes were prepared
    stale = tmp_path / "stale" / "icp-access.json"
    stale.parent.mkdir()
    stale.write_bytes(packed.read_bytes())
    prepared.prepared_path(stale).write_bytes(prepared.prepared_path(packed).read_bytes())
    assert prepared.load(_tree(stale), ("en",), stale) is not None
    stale.write_bytes(packed.read_bytes() + b" ")
    assert prepared.load(_tree(stale), ("en",), stale) is None
    # a damaged prepared file is not used
    prepared.prepared_path(stale).write_bytes(b'{"format": 1}\nnot json\n')
    assert prepared.load(_tree(stale), ("en",), stale) is None


def test_a_checkout_builds_its_indexes(shipped_tree: Tree) -> None:
    """The YAML of a checkout (or any --tree) is never the packed tree: nothing prepared."""
    assert prepared.load(shipped_tree, ("zh",)) is None
