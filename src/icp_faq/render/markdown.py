"""Markdown for tickets and chats: one self-contained section per topic."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._labels import colon, explain_command, label

if TYPE_CHECKING:
    from ..model import Lang, Topic, Tree

_LINK_TEXT = re.compile(r"([\\\[\]])")


def _link_text(text: str) -> str:
    return _LINK_TEXT.sub(r"\\\1", text)


def paragraphs(answer: str) -> str:
    """The answer with each plain line made its own paragraph; bullet lines stay a list.

    Answers break lines where they mean paragraphs, but Markdown joins single newlines.
    """
    out: list[str] = []
    for raw in answer.strip().split("\n"):
        line = raw.rstrip()
        if not line:
            continue
        bullet = line.lstrip().startswith(("- ", "* "))
        if out and not (bullet and out[-1].lstrip().startswith(("- ", "* "))):
            out.append("")
        out.append(line)
    return "\n".join(out)


def topic_markdown(topic: Topic, lang: Lang, *, tree: Tree | None = None) -> str:
    """One ``##`` section: title, answer, key points, links, related topics and source.

    Args:
        topic: the topic to write.
        lang: the language to write it in (the other one fills gaps).
        tree: when given, related topics carry their titles, not only their ids.
    """
    out = [f"## {topic.title.get(lang)}", "", paragraphs(topic.answer.get(lang)), ""]
    if topic.points:
        out += [f"**{label('points', lang)}**", ""]
        out += [f"- {p.get(lang)}" for p in topic.points]
        out.append("")
    if topic.links:
        out += [f"**{label('links', lang)}**", ""]
        out += [f"- [{_link_text(k.title.get(lang) or k.url)}]({k.url})" for k in topic.links]
        out.append("")
    if topic.related:
        out += [f"**{label('related', lang)}**", ""]
        for rid in topic.related:
            other = tree.topic(rid) if tree is not None else None
            title = f"{other.title.get(lang)} — " if other is not None else ""
            out.append(f"- {title}`{explain_command(rid)}`")
        out.append("")
    source = f"{topic.source.title} (#{topic.source.anchor})"
    out.append(f"*{label('source', lang)}{colon(lang)}{source}*")
    return "\n".join(out) + "\n"
