"""Safe YAML reading with positions: one document, no tags, no aliases, no duplicate keys.

PyYAML's loaders build Python objects and silently keep the last of two equal keys. This
module drives only PyYAML's *event parser* (the C one when present) and builds the data
itself, so every mapping, sequence and scalar keeps the line and column it came from, and
anything outside plain data is refused before it becomes an object. Scalars stay strings
(``Scalar``) with the tag YAML 1.1 would give them, so an id like ``no`` or ``on`` is never
turned into a boolean behind the author's back.
"""

from __future__ import annotations

import gc
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
    from yaml import events as ev

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    implicit = yaml.resolver.Resolver.yaml_implicit_resolvers
    scalar_event, mapping_start, sequence_start = (
        ev.ScalarEvent,
        ev.MappingStartEvent,
        ev.SequenceStartEvent,
    )
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    # The container being filled, whether it is a mapping, and its key waiting for a value;
    # the enclosing ones are saved on ``stack``.
    top: Any = None
    is_map = False
    key: Scalar | None = None
    stack: list[tuple[Any, bool, Scalar | None]] = []
    root: Any = None
    documents = 0

    def resolve(value: str) -> str:
        """The tag YAML 1.1 gives a plain scalar (PyYAML's own table, without its overhead:
        ``Resolver().resolve`` instead costs validate 4-5 % on 1,000 and 10,000 nodes,
        measured in docs/performance.md)."""
        for tag, regexp in implicit.get(value[:1], ()):
            if regexp.match(value):
                return str(tag)[len(_CORE) :]
        return "str"

    def new_key(value: Any, pos: Pos) -> Scalar:
        if not isinstance(value, Scalar):
            raise YamlError(pos, f"a mapping key must be a text, not {_describe(value)}")
        if value in top:
            first = top.key_pos[value]
            raise YamlError(
                pos, f"duplicate key '{one_line(value)}' (first defined at line {first.line})"
            )
        return value

    # This loop runs once per event (about 50 per tree node), so it dispatches on the event
    # class directly and keeps its state in locals; the garbage collector is paused because
    # only acyclic containers are created here (validate of 10,000 nodes: 6 % of its
    # instructions, ~0.45 s of CPU; 1 % at 1,000 nodes; see docs/performance.md).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        events: Any = yaml.parse(text, Loader=loader_cls)
        for event in events:
            cls = event.__class__
            value: Any
            if cls is scalar_event:
                mark = event.start_mark
                pos = Pos(mark.line + 1, mark.column + 1)
                tag = event.tag
                if tag is None:
                    resolved = resolve(event.value) if event.implicit[0] else "str"
                elif tag == "!":
                    resolved = "str"
                elif tag in _ALLOWED_TAGS:
                    resolved = tag[len(_CORE) :]
                else:
                    raise YamlError(pos, _tag_message(tag))
                value = Scalar(event.value, pos, resolved)
            elif cls in ends:
                top, is_map, key = stack.pop()
                continue
            elif cls is mapping_start or cls is sequence_start:
                pos = _pos(event.start_mark)
                if event.tag not in _ALLOWED_TAGS:
                    raise YamlError(pos, _tag_message(event.tag))
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(pos, f"nesting is deeper than {MAX_DEPTH} levels")
                if cls is mapping_start:
                    value = YMap()
                    value.key_pos = {}
                else:
                    value = YSeq()
                value.pos = pos
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        _pos(event.start_mark), "only one YAML document is allowed in a file"
                    )
                continue
            elif cls is ev.AliasEvent:
                raise YamlError(
                    _pos(event.start_mark),
                    f"aliases ('*{event.anchor}') are not supported: write the content out",
                )
            else:  # stream start and end, document end
                continue

            # Put the new value where it belongs.
            if top is None:
                root = value
            elif not is_map:
                top.append(value)
            elif key is None:
                key = new_key(value, pos)
            else:
                top[key] = value
                top.key_pos[key] = key.pos
                key = None
            if cls is not scalar_event:
                stack.append((top, is_map, key))
                top, is_map, key = value, cls is mapping_start, None
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
    finally:
        if gc_was_enabled:
            gc.enable()
    return root


def _tag_message(tag: str) -> str:
    shown = tag.replace(_CORE, "!!")
    return f"tag '{shown}' is not allowed: only plain data is read"


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
