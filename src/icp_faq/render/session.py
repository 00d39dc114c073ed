"""The guided session in a terminal, as rich renderables: the outcome screen (title and steps,
made to fit one screen with its menu), and what the menu shows one keypress away
(background, links, your answers), plus the whole page for scripts (``ask -f text``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from ..engine import Result, Step
from ..model import Lang, Link, Outcome, Topic, Tree
from ._labels import explain_command, label
from .layout import COMMAND, DIM, HEADING, TITLE, Hanging, Wrapped, inline, link_renderable

if TYPE_CHECKING:
    pass


def topics_of(outcome: Outcome, tree: Tree) -> list[Topic]:
    """The topics an outcome draws on, in its order."""
    return [t for t in (tree.topic(tid) for tid in outcome.topics) if t is not None]


def outcome_screen(outcome: Outcome, lang: Lang, *, lead: bool = False) -> RenderableType:
    """What to do: the title (and that the FAQ does not cover the case, when it does not),
    then the numbered steps. Nothing else, so that it fits one screen with the menu;
    ``lead`` puts a blank line before it, to set it off from the prompts above."""
    parts: list[RenderableType] = [Text()] if lead else []
    parts.append(Wrapped(Text(outcome.title.get(lang), TITLE)))
    if not outcome.covered:
        parts.append(Wrapped(Text(label("not_covered", lang), "bold yellow")))
    parts.append(Text())
    width = len(str(len(outcome.steps))) + 2
    parts += [
        Hanging(f"{i}.", Wrapped(inline(s.get(lang))), width)
        for i, s in enumerate(outcome.steps, 1)
    ]
    return Group(*parts)


def background(outcome: Outcome, tree: Tree, lang: Lang) -> RenderableType:
    """The FAQ entries behind the steps: each title, its key points and its explain command."""
    parts: list[RenderableType] = [Text(label("background", lang), HEADING)]
    for t in topics_of(outcome, tree):
        body: list[RenderableType] = [Hanging("•", Wrapped(inline(p.get(lang)))) for p in t.points]
        body.append(Wrapped(Text(explain_command(t.id), COMMAND)))
        parts += [Wrapped(Text(t.title.get(lang), "bold")), Hanging("", Group(*body))]
    return Group(*parts)


def links(items: Sequence[Link], lang: Lang) -> RenderableType:
    """Each link's title and its address."""
    return Group(Text(label("links", lang), HEADING), *(link_renderable(k, lang) for k in items))


def answers(steps: Sequence[Step], lang: Lang, heading: str = "answers") -> RenderableType:
    """A list of answers: each question, and under it the answer in bold."""
    return Group(Text(label(heading, lang), HEADING), *(answer_line(s, lang) for s in steps))


def answer_line(step: Step, lang: Lang) -> RenderableType:
    """One "your answers" item: the question, and under it the answer in bold."""
    question = Wrapped(Text(step.question.text.get(lang)))
    return Hanging("•", Group(question, Wrapped(Text(step.choice.label.get(lang), "bold"))))


def answered(number: int, step: Step, lang: Lang) -> RenderableType:
    """The line a prompt leaves behind once answered: ``✔ 1 · question`` and ``→ answer``."""
    question = Text(f"{number} · ", DIM)
    question.append(step.question.text.get(lang))
    mark = Hanging("✔", Wrapped(question))
    return Group(
        mark, Hanging("", Hanging("→", Wrapped(Text(step.choice.label.get(lang), "bold"))))
    )


def notice(text: str) -> RenderableType:
    """A short message from the session itself (saved, kept answers, the keys)."""
    return Wrapped(Text(text, DIM))


def outcome_page(result: Result, tree: Tree, lang: Lang) -> RenderableType:
    """The whole outcome for a script or a file: steps, background, links, your answers."""
    o = result.outcome
    parts: list[RenderableType] = [outcome_screen(o, lang)]
    if topics_of(o, tree):
        parts += [Text(), background(o, tree, lang)]
    if o.links:
        parts += [Text(), links(o.links, lang)]
    parts += [Text(), answers(result.steps, lang)]
    return Group(*parts)
