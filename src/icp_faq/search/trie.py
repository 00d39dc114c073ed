"""A trie of sequences (a wording's characters, a phrase's words) to what they read as:
how the analyzer (``text.py``) finds the vocabulary's words in a text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_END = ""  # the key under which a trie node keeps its value (no item is empty)
MISS: tuple[int, Any] = (0, None)  # what ``longest`` finds when nothing matches


class Trie:
    """Sequences (the characters of a wording, the words of a phrase) to what they read as.

    Nested dicts; matching walks them from one place in the text, so its cost is the length
    of the longest wording, never the number of wordings.
    """

    __slots__ = ("root",)

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def __bool__(self) -> bool:
        return bool(self.root)

    def starts(self, item: str) -> bool:
        """Whether some wording starts with ``item``."""
        return item in self.root

    def add(self, seq: Sequence[str], value: object) -> None:
        node = self.root
        for x in seq:
            node = node.setdefault(x, {})
        node.setdefault(_END, value)  # the first definition wins, as validate reports

    def longest(self, seq: Sequence[str], i: int, wildcard: str = "") -> tuple[int, Any]:
        """The longest wording at ``seq[i:]``: its length and value, or ``(0, None)``.

        A ``wildcard`` key matches any one item; a literal match wins over a wildcard one
        of the same length.
        """
        found: tuple[int, Any] = MISS
        frontier = [self.root]
        j, n = i, len(seq)
        while frontier and j < n:
            x = seq[j]
            nxt = []
            for node in frontier:
                child = node.get(x)
                if child is not None:
                    nxt.append(child)
                if wildcard:
                    child = node.get(wildcard)
                    if child is not None:
                        nxt.append(child)
            frontier = nxt
            j += 1
            for node in frontier:
                if _END in node:
                    found = (j - i, node[_END])
                    break
        return found
