"""Safe YAML reading with positions: one document, no tags, no aliases, no duplicate keys.

PyYAML's loaders build Python objects and silently keep the last of two equal keys. This
module drives only PyYAML's *event parser* (the C one when present) and builds the data
itself, so every mapping, sequence and scalar keeps the line and column it came from, and
anything outside plain data is refused before it becomes an object. Scalars stay strings
(``Scalar``) with the tag YAML 1.1 would give them, so an id like ``no`` or ``on`` is never
turned into a boolean behind the author's back.
"""

from __future__ import annotations

from typing import Any

from .model import Pos, one_line

MAX_DEPTH = 32

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    None,
    "!",
    *(_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")),
}


class YamlError(Exception):
    """A problem in the document, at a position; turned into ``FaqFileError`` by callers."""

    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


class Scalar(str):
    """A scalar's text, with where it stood and the tag YAML would resolve it to."""

    pos: Pos
    tag: str  # "str", "int", "float", "bool", "null", "timestamp"

    def __new__(cls, value: str, pos: Pos, tag: str) -> Scalar:
        self = super().__new__(cls, value)
        self.pos = pos
        self.tag = tag
        return self


class YMap(dict[str, Any]):
    """A mapping with its own position and each key's position."""

    pos: Pos
    key_pos: dict[str, Pos]


class YSeq(list[Any]):
    """A sequence with its own position."""

    pos: Pos


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _describe(value: Any) -> str:
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    return "a text"


def parse(text: str) -> Any:
    """Parse one YAML document into ``YMap``/``YSeq``/``Scalar`` values (``None`` if empty).

    Raises ``YamlError`` for syntax errors, more than one document, aliases, tags other than
    YAML's plain data types, keys that are not text, duplicate keys, and nesting deeper than
    ``MAX_DEPTH``.
    """
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolver = yaml.resolver.Resolver()
    stack: list[Any] = []  # open containers; for a YMap, a pending key follows it
    pending: list[Scalar | None] = []
    root: Any = None
    documents = 0

    def add(value: Any, pos: Pos) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, YSeq):
            top.append(value)
            return
        key = pending[-1]
        if key is None:
            if not isinstance(value, Scalar):
                raise YamlError(pos, f"a mapping key must be a text, not {_describe(value)}")
            if value in top:
                first = top.key_pos[value]
                raise YamlError(
                    pos, f"duplicate key '{one_line(value)}' (first defined at line {first.line})"
                )
            pending[-1] = value
            return
        top[key] = value
        top.key_pos[key] = key.pos
        pending[-1] = None

    try:
        events: Any = yaml.parse(text, Loader=loader_cls)
        for event in events:
            kind = type(event).__name__
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            pos = _pos(event.start_mark)
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise YamlError(pos, "only one YAML document is allowed in a file")
                continue
            if kind == "AliasEvent":
                raise YamlError(
                    pos, f"aliases ('*{event.anchor}') are not supported: write the content out"
                )
            tag = getattr(event, "tag", None)
            if tag not in _ALLOWED_TAGS:
                shown = tag.replace(_CORE, "!!") if tag else tag
                raise YamlError(pos, f"tag '{shown}' is not allowed: only plain data is read")
            if kind == "ScalarEvent":
                value = event.value
                if tag is not None and tag != "!":
                    resolved = tag
                elif event.implicit[0]:
                    resolved = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
                else:
                    resolved = _CORE + "str"
                add(Scalar(value, pos, resolved.replace(_CORE, "")), pos)
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(pos, f"nesting is deeper than {MAX_DEPTH} levels")
                container: YMap | YSeq
                if kind == "MappingStartEvent":
                    container = YMap()
                    container.key_pos = {}
                else:
                    container = YSeq()
                container.pos = pos
                add(container, pos)
                stack.append(container)
                pending.append(None)
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                pending.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _pos(mark) if mark is not None else Pos(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if _char_at(text, where) == "\t":
            problem = "a tab character is used for indentation; indent with spaces"
        elif exc.problem and exc.context and exc.context_mark is not None:
            start = _pos(exc.context_mark)
            if start.line != where.line:
                problem += f" ({exc.context} started at line {start.line})"
        raise YamlError(where, f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        # The C reader reports a byte offset and a code point, the Python one characters;
        # find the character ourselves so line, column and message are right for both.
        index = next((i for i, ch in enumerate(text) if not _printable(ch)), None)
        if index is None:
            raise YamlError(Pos(1, 1), f"invalid YAML: {_flat(exc)}") from None
        before = text[:index]
        where = Pos(before.count("\n") + 1, index - before.rfind("\n"))
        shown = f"U+{ord(text[index]):04X}"
        raise YamlError(
            where, f"invalid YAML: control character {shown} is not allowed in a YAML file"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(Pos(1, 1), f"invalid YAML: {_flat(exc)}") from None
    except UnicodeEncodeError as exc:  # a lone surrogate, only possible in a str built in code
        before = text[: exc.start]
        where = Pos(before.count("\n") + 1, exc.start - before.rfind("\n"))
        raise YamlError(where, "invalid YAML: the text contains a lone surrogate") from None
    return root


def _flat(exc: Exception) -> str:
    """An exception's text on one line."""
    return " ".join(str(exc).split())


def _char_at(text: str, pos: Pos) -> str:
    """The character at a 1-based position, or ``""`` past the end."""
    lines = text.split("\n")
    if not 1 <= pos.line <= len(lines):
        return ""
    line = lines[pos.line - 1]
    return line[pos.col - 1] if 1 <= pos.col <= len(line) else ""


def _printable(ch: str) -> bool:
    """Whether YAML 1.1 allows ``ch`` in a stream (the reader's own rule)."""
    o = ord(ch)
    return (
        ch in "\t\n\r\x85"
        or 0x20 <= o <= 0x7E
        or 0xA0 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )
