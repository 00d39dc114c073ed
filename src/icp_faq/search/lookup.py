"""Which topic a name designates: an id, a unique id prefix, or a zh/en title."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..errors import UnknownTopic
from ..model import one_line

if TYPE_CHECKING:
    from ..model import Topic, Tree


def _key(text: str) -> str:
    """A name as compared: NFKC, lowercase, spaces collapsed, quotes and a final question
    mark dropped (``取消接入和注销备案有什么区别`` finds the title that ends in ？)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate({ord(c): None for c in "“”\"'‘’"})
    return " ".join(text.split()).rstrip("?？ ")


def find_topic(tree: Tree, name: str) -> Topic:
    """The topic ``name`` designates: an id, a unique id prefix, or a zh/en title.

    Raises:
        UnknownTopic: unknown, with close suggestions; or an ambiguous prefix.
    """
    key = _key(name)
    if not key:
        raise UnknownTopic("TOPIC is empty", "请给出问题的 id 或标题")
    exact = tree.topic(key)
    if exact is not None:
        return exact
    for t in tree.topics:
        if key in (_key(t.title.zh or ""), _key(t.title.en or "")):
            return t
    prefixed = [t for t in tree.topics if t.id.startswith(key)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        listed = ", ".join(t.id for t in prefixed)
        shown = one_line(name.strip())
        raise UnknownTopic(
            f"'{shown}' is ambiguous: it could be {listed}", f"'{shown}' 不明确，可能是：{listed}"
        )
    import difflib

    names: dict[str, str] = {}
    for t in tree.topics:
        names.setdefault(t.id, t.id)
        # A mistyped prefix or word of an id ("cancl", "deregistr") is close to the id's
        # start or to one of its words, not to the whole id.
        names.setdefault(t.id[: len(key)], t.id)
        for word in t.id.split("-"):
            if len(word) >= 4:
                names.setdefault(word, t.id)
        for title in (t.title.zh, t.title.en):
            if title:
                names.setdefault(_key(title), t.id)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(names[c] for c in close))
    if not ids:
        from .query import rank

        hits = rank(tree, name, 3)
        ids = [t.id for t, score in hits if score >= hits[0][1] / 2]
    shown = one_line(name.strip())
    hint = f"; did you mean {', '.join(ids)}?" if ids else ""
    hint_zh = f"；您是不是要找 {', '.join(ids)}？" if ids else ""
    raise UnknownTopic(f"no topic '{shown}'{hint}", f"没有问题 '{shown}'{hint_zh}")
