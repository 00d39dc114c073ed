"""Find topics: resolve what a user typed to one topic, and answer a free query.

Ranking is a small BM25F: each topic, and each neighbouring subject the FAQ does not answer,
is one document whose fields (title, aliases, situations, key points, answer, in both
languages) carry different weights. Chinese is matched with character bigrams, the standard
technique when there are no spaces; English with lowercase stems, so that "rejected",
"rejection" and "rejects" meet, and a word one or two letters off still finds its stem.
The words belong to the tree, not to this code: its ``vocabulary`` brings stopwords,
generic words and everyday wordings read as the FAQ's own (被拒了 -> 不通过). A query is
answered only when a topic ranks first and explains enough of it with specific words; else
search declines, naming the neighbouring subject when one ranked first. No I/O, no imports
beyond the standard library: it runs on every ``search`` and must start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .decide import Answer, Hit
    from .index import Index
    from .lookup import find_topic
    from .query import answer, rank, search

__all__ = ["Answer", "Hit", "Index", "answer", "find_topic", "rank", "search"]


def __getattr__(name: str) -> Any:
    """The names above, imported when first used: ``explain`` needs ``lookup`` alone, and
    importing ``index`` (and ``text``, its expressions) costs it 22M instructions (~9 ms)."""
    if name == "find_topic":
        from .lookup import find_topic

        return find_topic
    if name in ("answer", "rank", "search"):
        from . import query

        return getattr(query, name)
    if name in ("Answer", "Hit"):
        from . import decide

        return getattr(decide, name)
    if name == "Index":
        from .index import Index

        return Index
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
