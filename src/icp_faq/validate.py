"""Meaning checks over a loaded tree: a list of findings, errors first-class, warnings advisory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import is_dataclass
from typing import Any, Literal

from .errors import FaqFileError
from .loader import content_fields, load_tree
from .model import (
    LANGS,
    NOWHERE,
    Link,
    Pos,
    Question,
    Text,
    Tree,
    Words,
    one_line,
    unsafe_char,
)
from .record import Record, record
from .validate_words import vocabulary

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
    "empty-text": ("error", "a text, step, alias, anchor or source field is empty or only spaces"),
    "unsafe-char": (
        "error",
        "a text holds a control character (other than newline and tab) or a bidi control",
    ),
    "not-https": ("error", "a link's url is not https:// followed by an address without spaces"),
    "no-steps": ("error", "an outcome has no steps"),
    "no-topics": ("error", "an outcome names no topics (unless it is 'covered: false')"),
    "no-related": ("warning", "a topic has no related topics"),
    "no-links": ("warning", "an outcome has no links"),
    "no-points": ("warning", "a topic has no key points"),
    "no-aliases": ("warning", "a topic has no search aliases"),
    "self-related": ("warning", "a topic lists itself as related"),
    "one-choice": ("warning", "a question has a single choice, so it asks nothing"),
    "wrong-language": (
        "error",
        "a vocabulary word is not in the language it is listed under, or a synonym's wording"
        " is not in its word's language",
    ),
    "bad-wildcard": (
        "error",
        "a synonym's '*' stands in a Chinese wording, first or last in a phrase, or more than"
        " three times in one",
    ),
    "synonym-conflict": ("error", "one wording is read as two different words"),
    "synonym-chain": (
        "warning",
        "a synonym's word is another synonym's wording, so texts and queries would read it"
        " differently",
    ),
    "generic-only": (
        "warning",
        "an alias, anchor or situation has only stopwords and generic words, so it cannot"
        " lead search to its topic",
    ),
}


@record
class Finding(Record):
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


def _unknown_topics(what: str, refs: Iterable[str], known: set[str], pos: Pos) -> Iterator[Finding]:
    for ref in refs:
        if ref not in known:
            yield _f("unknown-topic", pos, f"{what} '{one_line(ref)}' does not exist")


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


def _unsafe(value: Any, ctx: str, name: str, pos: Pos) -> Iterator[Finding]:
    """Every string of the tree, whatever key it is in, checked for unsafe characters."""
    if isinstance(value, str):
        index = unsafe_char(value)
        if index >= 0:
            shown = f"U+{ord(value[index]):04X}"
            message = f"{name} holds {shown}: control and bidi characters may not appear in a text"
            yield _f("unsafe-char", pos, f"{ctx}: {message}" if ctx else message)
    elif isinstance(value, (Text, Words)):
        for lang in LANGS:
            texts = value.get(lang) if isinstance(value, Words) else (getattr(value, lang) or "",)
            where = value.pos_of(lang) if isinstance(value, Text) else value.pos
            for text in texts:
                yield from _unsafe(text, ctx, f"{name} ({lang})", where)
    elif isinstance(value, tuple):
        for i, item in enumerate(value, 1):
            yield from _unsafe(item, ctx, f"{name} {i}", getattr(item, "pos", pos))
    elif is_dataclass(value) and not isinstance(value, type):
        ident = getattr(value, "id", None)
        owner = f"{type(value).__name__.lower()} '{ident}'" if ident else name
        owner = ", ".join(p for p in (ctx, owner) if p)
        for key, *_ in content_fields(type(value)):
            inner = getattr(value, f"{key}_pos", None) or getattr(value, "pos", None) or pos
            yield from _unsafe(getattr(value, key), owner, key, inner)


def _neighbours(tree: Tree, topic_ids: set[str]) -> Iterator[Finding]:
    """Neighbouring subjects: ids apart from the topics', texts, links and search words."""
    yield from _duplicates("neighbour", ((n.id, n.pos) for n in tree.neighbours))
    for n in tree.neighbours:
        ctx = f"neighbour '{n.id}'"
        if n.id in topic_ids:
            yield _f("duplicate-id", n.pos, f"{ctx}: id is also a topic's id")
        yield from _texts(ctx, "title", n.title)
        yield from _texts(ctx, "note", n.note)
        yield from _links(ctx, n.links)
        for lang in LANGS:
            for i, word in enumerate(n.aliases.get(lang), 1):
                if not word.strip():
                    yield _f("empty-text", n.pos, f"{ctx}: {lang} alias {i} is empty")
        if not n.aliases.all():
            yield _f("no-aliases", n.pos, f"{ctx}: has no search aliases")


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


def check(tree: Tree, *, warnings: bool = True) -> list[Finding]:
    """All findings for ``tree``, in file order.

    ``warnings=False`` skips the costly checks that can only warn (``generic-only`` reads
    every alias and situation as search does): a tree being opened needs its errors only.
    Cheap warnings are still reported.
    """
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
        for i, situation in enumerate(t.situations, 1):
            out += _texts(ctx, f"situation {i}", situation)
        out += _links(ctx, t.links)
        for name, value in (("source title", t.source.title), ("source anchor", t.source.anchor)):
            if not value.strip():
                out.append(_f("empty-text", t.pos, f"{ctx}: {name} is empty"))
        for lang in LANGS:
            for i, word in enumerate(t.aliases.get(lang), 1):
                if not word.strip():
                    out.append(_f("empty-text", t.pos, f"{ctx}: {lang} alias {i} is empty"))
            for i, word in enumerate(t.anchors.get(lang), 1):
                if not word.strip():
                    out.append(
                        _f("empty-text", t.anchors.pos, f"{ctx}: {lang} anchor {i} is empty")
                    )
        out += _unknown_topics(f"{ctx}: related topic", t.related, topic_ids, t.related_pos)
        if t.id in t.related:
            out.append(_f("self-related", t.related_pos, f"{ctx}: lists itself as related"))
        if not t.related:
            out.append(_f("no-related", t.pos, f"{ctx}: has no related topics"))
        if not t.points:
            out.append(_f("no-points", t.pos, f"{ctx}: has no key points"))
        if not t.aliases.all():
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
        out += _unknown_topics(f"{ctx}: topic", o.topics, topic_ids, o.topics_pos)
        out += _links(ctx, o.links)
        if not o.links:
            out.append(_f("no-links", o.pos, f"{ctx}: has no links"))

    out += _neighbours(tree, topic_ids)
    out += (_f(*found) for found in vocabulary(tree, warnings))
    out += _cycles(tree)
    out += _unsafe(tree, "", "", NOWHERE)

    reachable = tree.reachable(tree.start)
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
    return bool(errors_of(findings, strict=strict))


def errors_of(findings: Iterable[Finding], *, strict: bool = False) -> list[Finding]:
    """The findings that fail validation (warnings too when ``strict``)."""
    return [f for f in findings if strict or f.severity == "error"]


@record
class Report(Record):
    """What ``validate`` found in one file: the tree (``None`` if it cannot load) and findings."""

    path: str
    strict: bool
    tree: Tree | None
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        """How many findings fail the file."""
        return len(errors_of(self.findings, strict=self.strict))

    @property
    def failed(self) -> bool:
        """Whether the file fails validation."""
        return self.errors > 0


def validate_file(path: str, *, strict: bool = False) -> Report:
    """Load and check ``path``; a file that cannot load is one ``load`` finding.

    Raises ``NoSuchFile`` when ``path`` does not exist (a usage error, not a finding).
    """
    try:
        tree = load_tree(path)
    except FaqFileError as exc:
        finding = Finding("error", "load", exc.message, Pos(exc.line, exc.col))
        return Report(path, strict, None, (finding,))
    return Report(path, strict, tree, tuple(check(tree)))
