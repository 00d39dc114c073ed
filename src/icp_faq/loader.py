"""Read a tree file into the model; every problem becomes one ``FaqFileError``.

The loader checks *shape*, by the model's own fields (see ``model.key``): YAML syntax, types,
required and unknown keys, id spelling. Meaning (dangling ``next``, unreachable nodes,
missing translations, ...) is the validator's job, so that ``icp-faq validate`` can report
all of it at once. The same builder reads parsed YAML (values that know their position) and
plain JSON data (the packaged tree, see ``pack.py``).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import re
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ._yaml import Scalar, YamlError, parse
from .errors import FaqFileError, FileError, NoSuchFile
from .model import LANGS, NOWHERE, Pos, Text, Tree, Words, one_line

MAX_BYTES = 16 * 1024 * 1024
FORMAT_VERSION = 1
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG_KEYS = frozenset(LANGS)


def read_bytes(
    path: str | os.PathLike[str], *, what: str = "tree file", error: type[FileError] = FaqFileError
) -> bytes:
    """Read at most ``MAX_BYTES`` (+1 to tell) of a regular file, pipe or device."""
    shown = os.fspath(path)
    try:
        if Path(path).is_dir():
            raise error(shown, 0, 0, f"is a directory, not a {what}")
        with open(path, "rb") as f:
            # Read one byte past the cap rather than trusting stat(): /dev/zero, a pipe or
            # a growing file report a size that says nothing about what read() returns.
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise NoSuchFile(shown, 0, 0, f"no such {what}") from None
    except PermissionError:
        raise error(shown, 0, 0, f"permission denied reading the {what}") from None
    except OSError as exc:
        raise error(shown, 0, 0, f"cannot read the {what}: {exc.strerror}") from None
    return data


def read_text(
    path: str | os.PathLike[str], *, what: str = "tree file", error: type[FileError] = FaqFileError
) -> str:
    """Read a UTF-8 file (BOM and CRLF allowed) with clear errors for anything else."""
    return decode(read_bytes(path, what=what, error=error), os.fspath(path), what, error)


def decode(
    data: bytes, shown: str, what: str = "tree file", error: type[FileError] = FaqFileError
) -> str:
    """Decode UTF-8 bytes of at most ``MAX_BYTES``, naming the line and column of a bad byte."""
    if len(data) > MAX_BYTES:
        raise error(shown, 0, 0, f"is larger than {MAX_BYTES:,} bytes, the most a {what} may be")
    if b"\0" in data:
        at = data.index(b"\0")
        line = data.count(b"\n", 0, at) + 1
        col = len(data[data.rfind(b"\n", 0, at) + 1 : at].decode("utf-8", "replace")) + 1
        raise error(shown, line, col, f"looks like a binary file, not a {what} (NUL byte)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise error(
            shown,
            line,
            col,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, shown: str, error: type[FileError] = FaqFileError) -> Any:
    """Parse YAML text into positioned plain data, errors as ``error``."""
    try:
        return parse(text)
    except YamlError as exc:
        raise error(shown, exc.pos.line, exc.pos.col, exc.message) from None


def load_tree(path: str | os.PathLike[str]) -> Tree:
    """Load and shape-check a tree file (not validated: see ``trees.open_tree``)."""
    shown = os.fspath(path)
    return build_tree(parse_text(read_text(path), shown), shown)


def build_tree(data: Any, path: str) -> Tree:
    """Build a ``Tree`` from parsed data, raising ``FaqFileError`` for shape problems."""
    return _Builder(path).tree(data)


# --------------------------------------------------------------------------- the fields


@functools.cache
def content_fields(cls: type) -> tuple[tuple[str, Any, dict[str, Any], bool], ...]:
    """``(name, type, metadata, required)`` for each key of ``cls`` in the tree file."""
    return tuple(
        (
            f.name,
            _hint(str(f.type), cls.__module__),
            dict(f.metadata),
            f.default is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
        if "doc" in f.metadata
    )


@functools.cache
def _hint(annotation: str, module: str) -> Any:
    """A field's annotation (a string: the model's modules postpone them), evaluated once for
    every field that spells it alike: ``typing.get_type_hints`` compiles each annotation of
    every class, which cost every command 4.8M instructions (~2 ms) more."""
    return eval(annotation, vars(sys.modules[module]))


def noun(cls: type) -> str:
    """``Topic`` -> ``topic``."""
    return cls.__name__.lower()


def item_type(hint: Any) -> Any:
    """``tuple[X, ...]`` -> ``X``; ``X | None`` -> ``X``; anything else as it is."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple:
        return args[0]
    if isinstance(hint, types.UnionType):
        return next(a for a in args if a is not type(None))
    return hint


class _Plan(NamedTuple):
    """How to read one dataclass: worked out once per class, not once per value."""

    names: tuple[str, ...]  # the keys, in field order
    required: tuple[str, ...]
    fields: tuple[tuple[str, Callable[..., Any], bool], ...]  # name, reader, has *_pos
    has_pos: bool
    has_id: bool


@functools.cache
def _plan(cls: type) -> _Plan:
    spec = content_fields(cls)
    dataclass_fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
    return _Plan(
        names=tuple(s[0] for s in spec),
        required=tuple(s[0] for s in spec if s[3]),
        fields=tuple(
            (name, _reader(hint, meta), f"{name}_pos" in dataclass_fields)
            for name, hint, meta, _ in spec
        ),
        has_pos="pos" in dataclass_fields,
        has_id=any(s[0] == "id" for s in spec),
    )


def _reader(hint: Any, meta: dict[str, Any]) -> Callable[..., Any]:
    """The ``_Builder`` method that reads a value of this type: ``(builder, item, name, ctx,
    at) -> value``."""
    kind = meta.get("kind", "")
    if typing.get_origin(hint) is tuple:
        inner = item_type(hint)
        return lambda b, item, name, ctx, at: b.seq(inner, kind, item, name, ctx, at)
    hint = item_type(hint)
    if hint is Text:
        return _Builder.text
    if hint is Words:
        return _Builder.words
    if hint is bool:
        return _Builder.boolean
    if hint is str and kind == "id":
        return lambda b, item, name, ctx, at: b.ident(item, name, ctx)
    if hint is str:
        return _Builder.string
    return lambda b, item, name, ctx, at: b.record(hint, item, ctx, "", f"'{name}'")


def _is_null(value: Any) -> bool:
    return value is None or (isinstance(value, Scalar) and value.tag == "null")


def _pos(value: Any, default: Pos = NOWHERE) -> Pos:
    return getattr(value, "pos", default)


class _Builder:
    """Turns positioned data into the model, raising at the first shape problem."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, pos: Pos, ctx: str, message: str) -> FaqFileError:
        prefix = f"{ctx}: " if ctx else ""
        return FaqFileError(self.path, pos.line, pos.col, prefix + message)

    def mapping(
        self, value: Any, ctx: str, what: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(_pos(value), ctx, f"{what} must be a mapping")
        key_pos = getattr(value, "key_pos", {})
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                expected = ", ".join(allowed)
                raise self.fail(
                    key_pos.get(name, NOWHERE),
                    ctx,
                    f"unknown key '{one_line(name)}' in {what}{hint}; expected: {expected}",
                )
        for name in required:
            if name not in value:
                raise self.fail(_pos(value), ctx, f"{what} is missing '{name}'")
        return value

    def record(
        self, cls: type, value: Any, parent: str, label: str, what: str, extra: tuple[str, ...] = ()
    ) -> Any:
        """An instance of the dataclass ``cls`` from a mapping, field by field.

        ``parent`` names where the mapping stands (``question 'goal'``) and ``label`` the
        mapping itself until its id is known (``choice 2``), for messages.
        """
        plan = _plan(cls)
        if plan.has_id or not label:  # named by its id once it is known
            ctx = _join(parent, label)
        else:  # named by its place: "link 1 is missing 'url'"
            ctx, what = parent, label
        m = self.mapping(value, ctx, what, (*extra, *plan.names), (*extra, *plan.required))
        key_pos = getattr(m, "key_pos", {})
        here = _pos(m)
        if plan.has_id:
            ctx = _join(parent, f"{noun(cls)} '{self.ident(m['id'], 'id', ctx)}'")
        out: dict[str, Any] = {}
        for name, read, has_pos in plan.fields:
            if name not in m:
                continue
            item = m[name]
            at = key_pos.get(name, here)
            out[name] = read(self, item, name, ctx, at)
            if has_pos:
                scalar = isinstance(item, str) and not _is_null(item)
                out[f"{name}_pos"] = _pos(item) if scalar else at
        if plan.has_pos:
            out["pos"] = here
        return cls(**out)

    def boolean(self, item: Any, name: str, ctx: str, at: Pos) -> bool:
        if isinstance(item, bool):
            return item
        if isinstance(item, Scalar) and item.tag == "bool" and item in ("true", "false"):
            return item == "true"
        raise self.fail(_pos(item, at), ctx, f"'{name}' must be true or false")

    def seq(self, cls: Any, kind: str, item: Any, name: str, ctx: str, at: Pos) -> tuple[Any, ...]:
        if _is_null(item):
            return ()
        if not isinstance(item, list):
            raise self.fail(_pos(item, at), ctx, f"'{name}' must be a list")
        if cls is Text:
            return tuple(self.text(v, name, ctx, _pos(v, at)) for v in item)
        if cls is str:
            what = "ids" if kind == "ids" else "texts"
            for v in item:
                if not isinstance(v, str) or _is_null(v):
                    raise self.fail(_pos(v, at), ctx, f"'{name}' must be a list of {what}")
            return tuple(str(v) for v in item)
        what = f"{'an' if noun(cls)[0] in 'aeiou' else 'a'} {noun(cls)}"
        return tuple(
            self.record(cls, v, ctx, f"{noun(cls)} {i + 1}", what) for i, v in enumerate(item)
        )

    def string(self, value: Any, name: str, ctx: str, at: Pos = NOWHERE) -> str:
        if not isinstance(value, str) and value is not None:
            raise self.fail(_pos(value, at), ctx, f"'{name}' must be a text")
        return "" if _is_null(value) else str(value)

    def ident(self, value: Any, name: str, ctx: str) -> str:
        text = self.string(value, name, ctx)
        if not ID_RE.match(text):
            raise self.fail(
                _pos(value),
                ctx,
                f"'{name}' '{one_line(text)}' must be lowercase letters, digits, '-' or '_'",
            )
        return text

    def text(self, value: Any, name: str, ctx: str, at: Pos) -> Text:
        if not isinstance(value, dict):
            raise self.fail(
                _pos(value, at), ctx, f"'{name}' must be a mapping with a 'zh' and an 'en' text"
            )
        if not value.keys() <= _LANG_KEYS:
            self.mapping(value, ctx, f"'{name}'", LANGS, ())  # says which key is wrong
        zh, zh_pos = self._lang_text(value, "zh", name, ctx)
        en, en_pos = self._lang_text(value, "en", name, ctx)
        return Text(zh, en, _pos(value, at), zh_pos, en_pos)

    def _lang_text(self, value: Any, lang: str, name: str, ctx: str) -> tuple[str | None, Pos]:
        if lang not in value:
            return None, NOWHERE
        item = value[lang]
        if not isinstance(item, str) and item is not None:
            raise self.fail(_pos(item), ctx, f"'{name}.{lang}' must be a text")
        return ("" if _is_null(item) else str(item)), _pos(item)

    def words(self, value: Any, name: str, ctx: str, at: Pos) -> Words:
        if _is_null(value):
            return Words(pos=at)
        self.mapping(value, ctx, f"'{name}'", LANGS, ())
        found: dict[str, tuple[str, ...]] = {}
        for lang in LANGS:
            items = value.get(lang)
            if _is_null(items):
                continue
            if not isinstance(items, list):
                raise self.fail(_pos(items, at), ctx, f"'{name}.{lang}' must be a list of texts")
            for v in items:
                if not isinstance(v, str) or _is_null(v):
                    raise self.fail(_pos(v, at), ctx, f"'{name}.{lang}' must be a list of texts")
            found[lang] = tuple(str(v) for v in items)
        return Words(found.get("zh", ()), found.get("en", ()), _pos(value, at))

    def tree(self, data: Any) -> Tree:
        if _is_null(data):
            raise self.fail(
                Pos(1, 1),
                "",
                "the file is empty; a tree needs format, title, start,"
                " topics, questions and outcomes",
            )
        if not isinstance(data, dict):
            raise self.fail(_pos(data, Pos(1, 1)), "", "the top level must be a mapping")
        if "format" in data and not _is_format(data["format"]):
            raise self.fail(
                _pos(data["format"]),
                "",
                f"'format' must be {FORMAT_VERSION} (this tool reads format {FORMAT_VERSION})",
            )
        tree: Tree = self.record(Tree, data, "", "", "the top level", extra=("format",))
        return dataclasses.replace(tree, path=self.path)


def _join(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _is_format(value: Any) -> bool:
    """Whether ``value`` is the integer ``FORMAT_VERSION`` (YAML 1.1 spells ints many ways)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value == FORMAT_VERSION
    if getattr(value, "tag", None) != "int":
        return False
    import yaml

    node = yaml.ScalarNode("tag:yaml.org,2002:int", value)
    try:
        return bool(yaml.SafeLoader("").construct_yaml_int(node) == FORMAT_VERSION)
    except (ValueError, IndexError):  # an explicit ``!!int`` on text that is no number
        return False
