"""Markdown for tickets and chats: one self-contained section per topic.

Text from the tree is escaped so it can never become a link, an image, HTML or code: only
the answers' own subset (``- `` bullets, ``**bold**``) stays Markdown. Link addresses are
percent-encoded where Markdown would end them, so a URL cannot smuggle in a second link.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from ._labels import colon, explain_command, label

if TYPE_CHECKING:
    from ..model import Lang, Link, Topic, Tree

_ACTIVE = re.compile(r"([\\`\[\]<>])")
_URL_SAFE = ":/?#@!$&'*+,;=%-._~"  # everything else (parentheses, brackets, spaces) is encoded


def escape(text: str) -> str:
    """Tree text for Markdown: backslashes, backticks, brackets and angle brackets escaped."""
    return _ACTIVE.sub(r"\\\1", text)


def link(item: Link, lang: Lang) -> str:
    """``[title](url)`` with the title escaped and the address percent-encoded."""
    return f"[{escape(item.title.get(lang) or item.url)}]({quote(item.url, safe=_URL_SAFE)})"


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
    out = [
        f"## {escape(topic.title.get(lang))}",
        "",
        paragraphs(escape(topic.answer.get(lang))),
        "",
    ]
    if topic.points:
        out += [f"**{label('points', lang)}**", ""]
        out += [f"- {escape(p.get(lang))}" for p in topic.points]
        out.append("")
    if topic.links:
        out += [f"**{label('links', lang)}**", ""]
        out += [f"- {link(k, lang)}" for k in topic.links]
        out.append("")
    if topic.related:
        out += [f"**{label('related', lang)}**", ""]
        for rid in topic.related:
            other = tree.topic(rid) if tree is not None else None
            title = f"{escape(other.title.get(lang))} — " if other is not None else ""
            out.append(f"- {title}`{explain_command(rid)}`")
        out.append("")
    source = f"{escape(topic.source.title)} (#{escape(topic.source.anchor)})"
    out.append(f"*{label('source', lang)}{colon(lang)}{source}*")
    return "\n".join(out) + "\n"
