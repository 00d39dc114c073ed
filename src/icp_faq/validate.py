"""Meaning checks over a loaded tree: a list of findings, errors first-class, warnings advisory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from .model import LANGS, NOWHERE, Link, Pos, Question, Text, Tree, one_line

Severity = Literal["error", "warning"]

#: Every check, with its severity and what it means (shown in docs/tree-format.md).
CHECKS: dict[str, tuple[Severity, str]] = {
    "duplicate-id": ("error", "two topics, or two nodes (questions and outcomes), share an id"),
    "unknown-start": ("error", "'start' names no question"),
    "dangling-next": ("error", "a choice's 'next' names no question or outcome"),
    "no-choices": ("error", "a question has no choices"),
    "duplicate-choice": ("error", "a question has two choices with the same id"),
    "unknown-topic": ("error", "an outcome's 'topics' or a topic's 'related' names no topic"),
    "unreachable": ("error", "no path from 'start' leads to a question or outcome"),
    "cycle": ("error", "following 'next' from a question can come back to it"),
    "orphan-topic": ("error", "no reachable outcome draws on a topic"),
    "missing-text": ("error", "a text lacks its zh or en version"),
    "empty-text": ("error", "a text, step, alias or source field is empty or only spaces"),
    "not-https": ("error", "a link's url is not https:// followed by an address without spaces"),
    "no-steps": ("error", "an outcome has no steps"),
    "no-topics": ("error", "an outcome names no topics (unless it is 'covered: false')"),
    "no-related": ("warning", "a topic has no related topics"),
    "no-links": ("warning", "an outcome has no links"),
    "no-points": ("warning", "a topic has no key points"),
    "no-aliases": ("warning", "a topic has no search aliases"),
    "self-related": ("warning", "a topic lists itself as related"),
    "one-choice": ("warning", "a question has a single choice, so it asks nothing"),
}


@dataclass(frozen=True)
class Finding:
    """One problem in a tree file, at a position."""

    severity: Severity
    code: str
    message: str
    pos: Pos

    def line(self, path: str, *, strict: bool = False) -> str:
        """``PATH:LINE:COL: SEVERITY: MESSAGE [code]``, as compilers print it."""
        sev = "error" if strict else self.severity
        where = f"{path}:{self.pos.line}:{self.pos.col}" if self.pos.line else path
        return f"{where}: {sev}: {self.message} [{self.code}]"


def _f(code: str, pos: Pos, message: str) -> Finding:
    return Finding(CHECKS[code][0], code, message, pos)


def _texts(ctx: str, field: str, text: Text) -> Iterator[Finding]:
    for lang in LANGS:
        value = getattr(text, lang)
        if value is None:
            yield _f("missing-text", text.pos, f"{ctx}: {field} has no '{lang}' text")
        elif not value.strip():
            yield _f("empty-text", text.pos_of(lang), f"{ctx}: {field} '{lang}' text is empty")


def _links(ctx: str, links: Iterable[Link]) -> Iterator[Finding]:
    for i, link in enumerate(links, 1):
        yield from _texts(ctx, f"link {i} title", link.title)
        if not link.url.startswith("https://") or len(link.url) <= len("https://"):
            yield _f("not-https", link.url_pos, f"{ctx}: link url must start with https://")
        elif any(ch.isspace() for ch in link.url):
            yield _f("not-https", link.url_pos, f"{ctx}: link url must not contain spaces")


def _duplicates(kind: str, items: Iterable[tuple[str, Pos]]) -> Iterator[Finding]:
    seen: dict[str, Pos] = {}
    for ident, pos in items:
        if ident in seen:
            yield _f(
                "duplicate-id",
                pos,
                f"{kind} id '{ident}' is already used at line {seen[ident].line}",
            )
        else:
            seen[ident] = pos


def _cycles(tree: Tree) -> Iterator[Finding]:
    """Report one finding per cycle entry, found with an iterative depth-first search."""
    white, grey, black = 0, 1, 2
    colour: dict[str, int] = {q.id: white for q in tree.questions}
    for root in tree.questions:
        if colour.get(root.id) != white:
            continue
        colour[root.id] = grey
        stack: list[tuple[Question, Iterator[str]]] = [(root, iter([c.next for c in root.choices]))]
        while stack:
            node, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                colour[node.id] = black
                stack.pop()
                continue
            child = tree.question(nxt)
            if child is None:
                continue
            state = colour.get(child.id, black)
            if state == grey:
                choice = next(c for c in node.choices if c.next == nxt)
                path = [n.id for n, _ in stack]
                loop = [*path[path.index(child.id) :], child.id]
                yield _f(
                    "cycle",
                    choice.next_pos,
                    f"question '{node.id}': choice '{choice.id}' leads back to "
                    f"'{child.id}' ({' -> '.join(loop)})",
                )
            elif state == white:
                colour[child.id] = grey
                stack.append((child, iter([c.next for c in child.choices])))


def _reachable(tree: Tree) -> set[str]:
    seen: set[str] = set()
    todo = [tree.start] if tree.node(tree.start) is not None else []
    while todo:
        ident = todo.pop()
        if ident in seen:
            continue
        seen.add(ident)
        node = tree.node(ident)
        if isinstance(node, Question):
            todo.extend(c.next for c in node.choices if c.next not in seen)
    return seen


def check(tree: Tree) -> list[Finding]:
    """All findings for ``tree``, in file order."""
    out: list[Finding] = []
    topic_ids = {t.id for t in tree.topics}

    out += _duplicates("topic", ((t.id, t.pos) for t in tree.topics))
    out += _duplicates("node", ((n.id, n.pos) for n in tree.nodes))
    out += _texts("the tree", "title", tree.title)
    if tree.question(tree.start) is None:
        shown = one_line(tree.start) or "(empty)"
        out.append(_f("unknown-start", tree.start_pos, f"start '{shown}' names no question"))

    for t in tree.topics:
        ctx = f"topic '{t.id}'"
        for field in ("title", "answer"):
            out += _texts(ctx, field, getattr(t, field))
        for i, point in enumerate(t.points, 1):
            out += _texts(ctx, f"point {i}", point)
        out += _links(ctx, t.links)
        for name, value in (("source title", t.source.title), ("source anchor", t.source.anchor)):
            if not value.strip():
                out.append(_f("empty-text", t.pos, f"{ctx}: {name} is empty"))
        for lang, words in t.aliases.items():
            for i, word in enumerate(words, 1):
                if not word.strip():
                    out.append(_f("empty-text", t.pos, f"{ctx}: {lang} alias {i} is empty"))
        for rel in t.related:
            if rel not in topic_ids:
                out.append(
                    _f(
                        "unknown-topic",
                        t.related_pos,
                        f"{ctx}: related topic '{one_line(rel)}' does not exist",
                    )
                )
            elif rel == t.id:
                out.append(_f("self-related", t.related_pos, f"{ctx}: lists itself as related"))
        if not t.related:
            out.append(_f("no-related", t.pos, f"{ctx}: has no related topics"))
        if not t.points:
            out.append(_f("no-points", t.pos, f"{ctx}: has no key points"))
        if not any(t.aliases.values()):
            out.append(_f("no-aliases", t.pos, f"{ctx}: has no search aliases"))

    for q in tree.questions:
        ctx = f"question '{q.id}'"
        out += _texts(ctx, "text", q.text)
        if q.help is not None:
            out += _texts(ctx, "help", q.help)
        if not q.choices:
            out.append(_f("no-choices", q.pos, f"{ctx}: has no choices"))
        elif len(q.choices) == 1:
            out.append(_f("one-choice", q.pos, f"{ctx}: has only one choice"))
        seen: dict[str, Pos] = {}
        for c in q.choices:
            if c.id in seen:
                out.append(
                    _f(
                        "duplicate-choice",
                        c.pos,
                        f"{ctx}: choice id '{c.id}' is already used at line {seen[c.id].line}",
                    )
                )
            seen.setdefault(c.id, c.pos)
            out += _texts(f"{ctx}, choice '{c.id}'", "label", c.label)
            if tree.node(c.next) is None:
                shown = one_line(c.next) or "(empty)"
                out.append(
                    _f(
                        "dangling-next",
                        c.next_pos,
                        f"{ctx}: choice '{c.id}' leads to '{shown}', "
                        "which is no question or outcome",
                    )
                )

    for o in tree.outcomes:
        ctx = f"outcome '{o.id}'"
        out += _texts(ctx, "title", o.title)
        if not o.steps:
            out.append(_f("no-steps", o.pos, f"{ctx}: has no steps"))
        for i, step in enumerate(o.steps, 1):
            out += _texts(ctx, f"step {i}", step)
        if not o.topics and o.covered:
            out.append(_f("no-topics", o.topics_pos, f"{ctx}: names no topics"))
        for ref in o.topics:
            if ref not in topic_ids:
                out.append(
                    _f(
                        "unknown-topic",
                        o.topics_pos,
                        f"{ctx}: topic '{one_line(ref)}' does not exist",
                    )
                )
        out += _links(ctx, o.links)
        if not o.links:
            out.append(_f("no-links", o.pos, f"{ctx}: has no links"))

    out += _cycles(tree)

    reachable = _reachable(tree)
    if tree.question(tree.start) is not None:
        for node in tree.nodes:
            if node.id not in reachable:
                kind = "question" if isinstance(node, Question) else "outcome"
                out.append(
                    _f(
                        "unreachable",
                        node.pos,
                        f"{kind} '{node.id}' cannot be reached from the start",
                    )
                )
        reached_topics = {ref for o in tree.outcomes if o.id in reachable for ref in o.topics}
        for t in tree.topics:
            if t.id not in reached_topics:
                out.append(
                    _f(
                        "orphan-topic",
                        t.pos,
                        f"topic '{t.id}' is not drawn on by any reachable outcome",
                    )
                )

    out.sort(key=lambda f: (f.pos == NOWHERE, f.pos))
    return out


def has_errors(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    """Whether the findings fail validation (warnings count too when ``strict``)."""
    return any(strict or f.severity == "error" for f in findings)
