"""``icp-faq explain`` in a terminal: one topic in full, as a rich renderable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from ._labels import colon, explain_command, label
from .layout import (
    COMMAND,
    DIM,
    TITLE,
    Hanging,
    Trimmed,
    Wrapped,
    inline,
    link_renderable,
    markdown_blocks,
    section,
)

if TYPE_CHECKING:
    from ..model import Lang, Topic, Tree


def topic_renderable(topic: Topic, lang: Lang, *, tree: Tree | None = None) -> RenderableType:
    """Everything about one topic: title, answer, key points, links, related, source.

    Args:
        topic: the topic to show.
        lang: the language to show it in (the other one fills gaps).
        tree: when given, related topics are shown with their titles, not only their ids.
    """
    parts: list[RenderableType] = [Wrapped(Text(topic.title.get(lang), TITLE)), Text()]
    parts.extend(markdown_blocks(topic.answer.get(lang)))
    parts += section(
        label("points", lang), (Hanging("•", Wrapped(inline(p.get(lang)))) for p in topic.points)
    )
    parts += section(label("links", lang), (link_renderable(k, lang) for k in topic.links))
    related: list[RenderableType] = []
    for rid in topic.related:
        other = tree.topic(rid) if tree is not None else None
        command = Text(explain_command(rid), COMMAND)
        if other is None:
            related.append(Hanging("•", Wrapped(command)))
        else:
            title = Wrapped(Text(other.title.get(lang)))
            related.append(Hanging("•", Group(title, Wrapped(command))))
    parts += section(label("related", lang), related)
    source = Text(label("source", lang) + colon(lang), DIM)
    source.append(topic.source.title)
    source.append(f" (#{topic.source.anchor})", DIM)
    parts += [Text(), Wrapped(source)]
    return Trimmed(Group(*parts))
