"""``search`` as text: the topics that answer, each with the command that explains it; or, when
the FAQ does not cover the question, a plain statement of that (naming the neighbouring
subject when one matched, with its note and links) and the closest topics as "perhaps".

Plain strings, no rich: ``search`` stays fast to start. Everything wraps to the terminal
width; a command or a URL is never split.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import one_line, safe_text
from .columns import BOLD, RESET
from .wrap import break_offsets, cells

if TYPE_CHECKING:
    from ..model import Lang, Topic
    from ..search import Answer, Hit

PERHAPS = 3  # at most this many closest topics are offered when the FAQ does not answer
NARROW = 24  # a title column narrower than this stacks each hit instead

_SAY = {
    "zh": {
        "outside": "本 FAQ 不涉及这个问题：{title}",
        "generic": "“{query}”太笼统，对不上本 FAQ 的某一个条目。说说您遇到的具体情况，再搜索一次。",
        "weak": "本 FAQ 没有回答“{query}”的条目。",
        "nothing": "本 FAQ 中没有与“{query}”相关的内容。",
        "perhaps": "也许相关（不一定回答您的问题）：",
        "see": "可查看：",
        "next": "全部条目：icp-faq list；按您的情况一步步回答：icp-faq ask",
    },
    "en": {
        "outside": "This FAQ does not cover that: {title}",
        "generic": "'{query}' is too general to match one entry of this FAQ. Describe your"
        " situation and search again.",
        "weak": "No entry of this FAQ answers '{query}'.",
        "nothing": "Nothing in this FAQ matches '{query}'.",
        "perhaps": "Perhaps related (these may not answer your question):",
        "see": "See:",
        "next": "All entries: icp-faq list. Step by step for your case: icp-faq ask",
    },
}


def explain_command(topic: Topic) -> str:
    """The command that shows ``topic`` in full."""
    return f"icp-faq explain {topic.id}"


def wrap(text: str, width: int, indent: int = 0) -> list[str]:
    """``text`` in lines of at most ``width`` cells, each after ``indent`` spaces."""
    room = max(width - indent, 10)
    starts = [0, *break_offsets(text, room)] if cells(text) > room else [0]
    ends = [*starts[1:], len(text)]
    return [" " * indent + text[a:b].strip() for a, b in zip(starts, ends, strict=True)]


def hits_text(hits: list[Hit], lang: Lang, *, width: int, bold: bool) -> str:
    """``id  title`` rows, the title wrapped under its column and followed by the command
    that explains the topic. When the title column would be too narrow to read, each hit is
    stacked instead: the id, then the title and the command indented under it."""
    id_width = max((len(h.item.id) for h in hits), default=0)
    stacked = width - id_width - 2 < NARROW
    indent = 2 if stacked else id_width + 2
    out: list[str] = []
    for h in hits:
        topic: Topic = h.item  # type: ignore[assignment]
        shown = f"{BOLD}{topic.id}{RESET}" if bold else topic.id
        lines = wrap(topic.title.get(lang), width, indent)
        if stacked:
            out += [shown, *lines]
        else:
            out.append(f"{shown}{' ' * (id_width - len(topic.id))}  {lines[0].lstrip()}")
            out += lines[1:]
        command = explain_command(topic)
        out.append(" " * (indent if indent + len(command) <= width else 0) + command)
    return "\n".join(out)


def search_text(found: Answer, query: str, lang: Lang, *, width: int, bold: bool) -> str:
    """What ``search`` prints: the answering topics, or why the FAQ does not answer."""
    if found.covered:
        return hits_text(found.hits, lang, width=width, bold=bold)
    say = _SAY[lang]
    out: list[str] = []
    if found.neighbour is not None:
        n = found.neighbour
        out += wrap(say["outside"].format(title=n.title.get(lang)), width)
        out += wrap(n.note.get(lang), width)
        if n.links:
            out.append(say["see"])
            for link in n.links:
                out += wrap(f"{link.title.get(lang)} {link.url}", width, 2)
    else:  # nothing names the subject: say where to go from here
        out += wrap(say[found.reason].format(query=one_line(query)), width)
        out += wrap(say["next"], width)
    perhaps = found.perhaps[:PERHAPS]
    if perhaps:
        out += ["", *wrap(say["perhaps"], width), hits_text(perhaps, lang, width=width, bold=bold)]
    return "\n".join(out)


def declined_line(found: Answer, query: str, lang: Lang) -> str:
    """One line for stderr when ``search --format json`` answers ``[]``: why."""
    if found.neighbour is not None:
        title = safe_text(found.neighbour.title.get(lang))
        return "icp-faq: " + _SAY[lang]["outside"].format(title=title)
    return "icp-faq: " + _SAY[lang][found.reason].format(query=one_line(query))
