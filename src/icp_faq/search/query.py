"""Asking: a tree's search index, built once per tree (or read as prepared at build time),
and the questions the commands ask of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import LANGS
from .index import Index
from .text import is_chinese

if TYPE_CHECKING:
    from ..model import Lang, Topic, Tree
    from .decide import Answer

_CACHE: list[tuple[Tree, dict[tuple[Lang, ...], Index]]] = []


def index_of(tree: Tree, langs: tuple[Lang, ...] = LANGS) -> Index:
    """The index of ``tree``'s texts in ``langs``, built once per tree object."""
    if not _CACHE or _CACHE[0][0] is not tree:
        _CACHE[:] = [(tree, {})]
    indexes = _CACHE[0][1]
    if langs not in indexes:
        from .prepared import load  # the packaged tree's indexes, prepared at build time

        indexes[langs] = load(tree, langs) or Index(tree, langs)
    return indexes[langs]


def langs_of(query: str) -> tuple[Lang, ...]:
    """The languages whose texts can match ``query``: Chinese for Chinese characters,
    English for Latin letters or digits (a Chinese text may hold some too: ICP, IP, CDN)."""
    chinese = is_chinese(query)
    latin = any(ch.isascii() and ch.isalnum() for ch in query)
    if chinese and not latin:
        return ("zh",)
    if latin and not chinese:
        return ("en",)
    return LANGS


def answer(tree: Tree, query: str, limit: int | None = None) -> Answer:
    """Whether ``tree`` answers ``query``, and with which topics (see ``Index.answer``)."""
    return index_of(tree, langs_of(query)).answer(query, limit)


def search(tree: Tree, query: str, limit: int | None = None) -> list[tuple[Topic, float]]:
    """The topics that confidently answer ``query``, best first (at most ``limit``)."""
    return [(h.item, h.score) for h in answer(tree, query, limit).hits]  # type: ignore[misc]


def rank(tree: Tree, query: str, limit: int | None = None) -> list[tuple[Topic, float]]:
    """The topics closest to ``query``, confident or not, stray matches left out."""
    found = answer(tree, query, limit)
    return [(h.item, h.score) for h in (found.hits or found.perhaps)]  # type: ignore[misc]
