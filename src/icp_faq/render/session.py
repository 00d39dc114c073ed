"""A guided session's result as a rich renderable, JSON-ready data or Markdown; never prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..engine import Result
from ..model import Lang, Link, Topic, Tree
from ._labels import explain_command, label

if TYPE_CHECKING:
    from rich.console import RenderableType


def _topics(result: Result, tree: Tree) -> list[Topic]:
    return [t for t in (tree.topic(tid) for tid in result.outcome.topics) if t is not None]


def _links(links: tuple[Link, ...], lang: Lang) -> list[dict[str, str]]:
    return [{"title": link.title.get(lang), "url": link.url} for link in links]


def result_data(result: Result, lang: Lang) -> dict[str, Any]:
    """The documented JSON contract: ``lang``, ``answers`` and ``outcome``."""
    o = result.outcome
    return {
        "lang": lang,
        "answers": [
            {
                "question": s.question.id,
                "choice": s.choice.id,
                "question_text": s.question.text.get(lang),
                "choice_label": s.choice.label.get(lang),
            }
            for s in result.steps
        ],
        "outcome": {
            "id": o.id,
            "title": o.title.get(lang),
            "steps": [step.get(lang) for step in o.steps],
            "topics": list(o.topics),
            "links": _links(o.links, lang),
            "covered": o.covered,
        },
    }


def result_markdown(result: Result, tree: Tree, lang: Lang) -> str:
    """The result as a Markdown document: steps, topics, links and the answers given."""
    o = result.outcome
    from .markdown import escape, link

    out = [f"# {escape(o.title.get(lang))}", ""]
    if not o.covered:
        out += [f"*{label('not_covered', lang)}*", ""]
    out += [f"## {label('what_to_do', lang)}", ""]
    out += [f"{i}. {escape(step.get(lang))}" for i, step in enumerate(o.steps, start=1)]
    topics = _topics(result, tree)
    if topics:
        out += ["", f"## {label('background', lang)}"]
    for t in topics:
        out += ["", f"### {escape(t.title.get(lang))}", ""]
        out += [f"- {escape(p.get(lang))}" for p in t.points]
        out += ["", f"{label('more', lang)}`{explain_command(t.id)}`"]
    if o.links:
        out += ["", f"## {label('links', lang)}", ""]
        out += [f"- {link(item, lang)}" for item in o.links]
    out += ["", f"## {label('answers', lang)}", ""]
    for s in result.steps:
        q, c = s.question, s.choice
        out.append(
            f"- {escape(q.text.get(lang))} **{escape(c.label.get(lang))}** (`{q.id}={c.id}`)"
        )
    return "\n".join(out) + "\n"


def outcome_renderable(result: Result, tree: Tree, lang: Lang) -> RenderableType:
    """The outcome page: title, numbered steps, each topic's key points, links, your answers."""
    from rich.console import Group
    from rich.text import Text

    from .layout import COMMAND, HEADING, TITLE, Hanging, Wrapped, inline, link_renderable

    o = result.outcome
    width = len(str(len(o.steps))) + 2
    parts: list[RenderableType] = [Text(o.title.get(lang), TITLE)]
    if not o.covered:
        parts.append(Text(label("not_covered", lang), "bold yellow"))
    parts.append(Text())
    parts.append(Text(label("what_to_do", lang), HEADING))
    parts += [
        Hanging(f"{i}.", Wrapped(inline(s.get(lang))), width) for i, s in enumerate(o.steps, 1)
    ]
    topics = _topics(result, tree)
    if topics:
        parts += [Text(), Text(label("background", lang), HEADING)]
    for t in topics:
        body: list[RenderableType] = [Hanging("•", Wrapped(inline(p.get(lang)))) for p in t.points]
        body.append(Wrapped(Text(explain_command(t.id), COMMAND)))
        parts += [Text(t.title.get(lang), "bold"), Hanging("", Group(*body))]
    if o.links:
        parts += [Text(), Text(label("links", lang), HEADING)]
        parts += [link_renderable(link, lang) for link in o.links]
    parts += [Text(), Text(label("answers", lang), HEADING)]
    parts += [
        answer_line(s.question.text.get(lang), s.choice.label.get(lang)) for s in result.steps
    ]
    return Group(*parts)


def answer_line(question: str, answer: str) -> RenderableType:
    """One "your answers" item: the question, and under it the answer in bold."""
    from rich.console import Group
    from rich.text import Text

    from .layout import Hanging, Wrapped

    return Hanging("•", Group(Wrapped(Text(question)), Wrapped(Text(answer, "bold"))))
