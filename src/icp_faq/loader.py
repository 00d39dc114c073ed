"""Read a tree file into the model; every problem becomes one ``FaqFileError``.

The loader checks *shape*: YAML syntax, types, required and unknown keys, id spelling.
Meaning (dangling ``next``, unreachable nodes, missing translations, ...) is the
validator's job, so that ``icp-faq validate`` can report all of it at once.
"""

from __future__ import annotations

import difflib
import gc
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ._yaml import Scalar, YamlError, YMap, YSeq, parse
from .model import (
    LANGS,
    NOWHERE,
    Choice,
    Lang,
    Link,
    Outcome,
    Pos,
    Question,
    Source,
    Text,
    Topic,
    Tree,
    one_line,
)

MAX_BYTES = 16 * 1024 * 1024
FORMAT_VERSION = 1
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
T = TypeVar("T")


class FaqFileError(Exception):
    """A tree or answers file that cannot be used, with where and why.

    ``missing`` is true when the path does not exist at all (a usage error, exit 2);
    every other problem is an invalid file (exit 3).
    """

    def __init__(
        self, path: str, line: int, col: int, message: str, *, missing: bool = False
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.col = col
        self.message = message
        self.missing = missing

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return f"{where}: error: {self.message}"


def read_text(path: str | os.PathLike[str], *, what: str = "tree file") -> str:
    """Read a UTF-8 file (BOM and CRLF allowed) with clear errors for anything else."""
    shown = os.fspath(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise FaqFileError(shown, 0, 0, f"is a directory, not a {what}")
        with p.open("rb") as f:
            # Read one byte past the cap rather than trusting stat(): /dev/zero, a pipe or
            # a growing file report a size that says nothing about what read() returns.
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise FaqFileError(
                shown, 0, 0, f"is larger than {MAX_BYTES:,} bytes, the most a {what} may be"
            )
    except FileNotFoundError:
        raise FaqFileError(shown, 0, 0, f"no such {what}", missing=True) from None
    except PermissionError:
        raise FaqFileError(shown, 0, 0, f"permission denied reading the {what}") from None
    except OSError as exc:
        raise FaqFileError(shown, 0, 0, f"cannot read the {what}: {exc.strerror}") from None
    return decode(data, shown, what=what)


def decode(data: bytes, shown: str, *, what: str = "tree file") -> str:
    """Decode UTF-8 bytes, naming the line and column of the first bad byte."""
    if b"\0" in data:
        at = data.index(b"\0")
        line = data.count(b"\n", 0, at) + 1
        col = len(data[data.rfind(b"\n", 0, at) + 1 : at].decode("utf-8", "replace")) + 1
        raise FaqFileError(shown, line, col, f"looks like a binary file, not a {what} (NUL byte)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise FaqFileError(
            shown,
            line,
            col,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_file(path: str | os.PathLike[str], *, what: str = "tree file") -> Any:
    """Read and parse a YAML (or JSON) file into positioned plain data."""
    text = read_text(path, what=what)
    return parse_text(text, os.fspath(path))


def parse_text(text: str, shown: str) -> Any:
    """Parse YAML text into positioned plain data, errors as ``FaqFileError``."""
    try:
        return parse(text)
    except YamlError as exc:
        raise FaqFileError(shown, exc.pos.line, exc.pos.col, exc.message) from None


def load_tree(path: str | os.PathLike[str]) -> Tree:
    """Load and shape-check a tree file."""
    data = parse_file(path)
    return build_tree(data, os.fspath(path))


# --------------------------------------------------------------------------- building


class _Builder:
    """Turns positioned data into the model, raising at the first shape problem."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, pos: Pos, ctx: str, message: str) -> FaqFileError:
        prefix = f"{ctx}: " if ctx else ""
        return FaqFileError(self.path, pos.line, pos.col, prefix + message)

    @staticmethod
    def pos(value: Any, default: Pos = NOWHERE) -> Pos:
        return getattr(value, "pos", default)

    def mapping(
        self,
        value: Any,
        ctx: str,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        at: Pos = NOWHERE,
    ) -> Any:
        if not isinstance(value, YMap):
            raise self.fail(self.pos(value, at), ctx, f"{what} must be a mapping")
        allowed = (*required, *optional)
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                expected = ", ".join(allowed)
                raise self.fail(
                    value.key_pos[key],
                    ctx,
                    f"unknown key '{one_line(key)}' in {what}{hint}; expected: {expected}",
                )
        for key in required:
            if key not in value:
                raise self.fail(value.pos, ctx, f"{what} is missing '{key}'")
        return value

    def seq(self, parent: Any, key: str, ctx: str, build: Callable[[Any, int], T]) -> tuple[T, ...]:
        if key not in parent:
            return ()
        value = parent[key]
        if self.is_null(value):
            return ()
        if not isinstance(value, YSeq):
            raise self.fail(self.pos(value, parent.key_pos[key]), ctx, f"'{key}' must be a list")
        return tuple(build(item, i) for i, item in enumerate(value))

    @staticmethod
    def is_null(value: Any) -> bool:
        return isinstance(value, Scalar) and value.tag == "null"

    def string(self, parent: Any, key: str, ctx: str) -> str:
        value = parent[key]
        if not isinstance(value, Scalar):
            raise self.fail(self.pos(value), ctx, f"'{key}' must be a text")
        return "" if value.tag == "null" else str(value)

    def boolean(self, parent: Any, key: str, ctx: str) -> bool:
        value = parent[key]
        if not isinstance(value, Scalar) or value.tag != "bool" or value not in ("true", "false"):
            raise self.fail(
                self.pos(value, parent.key_pos[key]), ctx, f"'{key}' must be true or false"
            )
        return value == "true"

    def ident(self, parent: Any, key: str, ctx: str) -> str:
        value = self.string(parent, key, ctx)
        if not ID_RE.match(value):
            raise self.fail(
                parent[key].pos,
                ctx,
                f"'{key}' '{one_line(value)}' must be lowercase letters, digits, '-' or '_'",
            )
        return value

    def ident_list(self, parent: Any, key: str, ctx: str) -> tuple[str, ...]:
        def one(item: Any, i: int) -> str:
            if not isinstance(item, Scalar):
                raise self.fail(self.pos(item), ctx, f"'{key}' must be a list of ids")
            return str(item)

        return self.seq(parent, key, ctx, one)

    def text(self, parent: Any, key: str, ctx: str) -> Text:
        value = parent[key]
        if not isinstance(value, YMap):
            raise self.fail(
                self.pos(value, parent.key_pos[key]),
                ctx,
                f"'{key}' must be a mapping with a 'zh' and an 'en' text",
            )
        value = self.mapping(value, ctx, f"'{key}'", (), LANGS)
        found: dict[str, str | None] = {"zh": None, "en": None}
        where: dict[str, Pos] = {"zh": NOWHERE, "en": NOWHERE}
        for lang in LANGS:
            if lang in value:
                item = value[lang]
                if not isinstance(item, Scalar):
                    raise self.fail(self.pos(item), ctx, f"'{key}.{lang}' must be a text")
                found[lang] = "" if item.tag == "null" else str(item)
                where[lang] = item.pos
        return Text(found["zh"], found["en"], value.pos, where["zh"], where["en"])

    def text_item(self, item: Any, ctx: str, key: str) -> Text:
        """A bilingual list item ``{zh: ..., en: ...}``."""
        holder = YMap({key: item})
        holder.key_pos = {key: self.pos(item)}
        holder.pos = self.pos(item)
        return self.text(holder, key, ctx)

    def link(self, item: Any, i: int, ctx: str) -> Link:
        m = self.mapping(item, ctx, f"link {i + 1}", ("title", "url"))
        url = self.string(m, "url", ctx)
        return Link(self.text(m, "title", ctx), url, m.pos, m["url"].pos)

    def links(self, parent: Any, ctx: str) -> tuple[Link, ...]:
        return self.seq(parent, "links", ctx, lambda item, i: self.link(item, i, ctx))

    def aliases(self, parent: Any, ctx: str) -> dict[Lang, tuple[str, ...]]:
        if "aliases" not in parent or self.is_null(parent["aliases"]):
            return {}
        m = self.mapping(parent["aliases"], ctx, "'aliases'", (), LANGS, parent.key_pos["aliases"])
        return {lang: self.ident_free_list(m, lang, ctx) for lang in LANGS if lang in m}

    def ident_free_list(self, parent: Any, key: str, ctx: str) -> tuple[str, ...]:
        def one(item: Any, i: int) -> str:
            if not isinstance(item, Scalar):
                raise self.fail(self.pos(item), ctx, f"'aliases.{key}' must be a list of texts")
            return str(item)

        return self.seq(parent, key, ctx, one)

    def topic(self, item: Any, i: int) -> Topic:
        ctx = f"topic {i + 1}"
        m = self.mapping(
            item,
            ctx,
            "a topic",
            ("id", "title", "answer", "source"),
            ("points", "links", "related", "aliases"),
        )
        tid = self.ident(m, "id", ctx)
        ctx = f"topic '{tid}'"
        src = self.mapping(
            m["source"], ctx, "'source'", ("title", "anchor"), (), m.key_pos["source"]
        )
        return Topic(
            id=tid,
            title=self.text(m, "title", ctx),
            answer=self.text(m, "answer", ctx),
            points=self.seq(m, "points", ctx, lambda it, j: self.text_item(it, ctx, "points")),
            links=self.links(m, ctx),
            related=self.ident_list(m, "related", ctx),
            aliases=self.aliases(m, ctx),
            source=Source(self.string(src, "title", ctx), self.string(src, "anchor", ctx)),
            pos=m.pos,
            related_pos=m.key_pos.get("related", m.pos),
        )

    def choice(self, item: Any, i: int, ctx: str) -> Choice:
        m = self.mapping(item, ctx, f"choice {i + 1}", ("id", "label", "next"))
        cid = self.ident(m, "id", ctx)
        return Choice(
            id=cid,
            label=self.text(m, "label", f"{ctx}, choice '{cid}'"),
            next=self.string(m, "next", ctx),
            pos=m.pos,
            next_pos=m["next"].pos,
        )

    def question(self, item: Any, i: int) -> Question:
        ctx = f"question {i + 1}"
        m = self.mapping(item, ctx, "a question", ("id", "text", "choices"), ("help",))
        qid = self.ident(m, "id", ctx)
        ctx = f"question '{qid}'"
        return Question(
            id=qid,
            text=self.text(m, "text", ctx),
            choices=self.seq(m, "choices", ctx, lambda it, j: self.choice(it, j, ctx)),
            help=self.text(m, "help", ctx) if "help" in m else None,
            pos=m.pos,
        )

    def outcome(self, item: Any, i: int) -> Outcome:
        ctx = f"outcome {i + 1}"
        m = self.mapping(
            item, ctx, "an outcome", ("id", "title", "steps", "topics"), ("links", "covered")
        )
        oid = self.ident(m, "id", ctx)
        ctx = f"outcome '{oid}'"
        return Outcome(
            id=oid,
            title=self.text(m, "title", ctx),
            steps=self.seq(m, "steps", ctx, lambda it, j: self.text_item(it, ctx, "steps")),
            topics=self.ident_list(m, "topics", ctx),
            links=self.links(m, ctx),
            covered=self.boolean(m, "covered", ctx) if "covered" in m else True,
            pos=m.pos,
            topics_pos=m.key_pos["topics"],
        )

    def tree(self, data: Any) -> Tree:
        if data is None:
            raise self.fail(
                Pos(1, 1),
                "",
                "the file is empty; a tree needs format, title, start,"
                " topics, questions and outcomes",
            )
        m = self.mapping(
            data,
            "",
            "the top level",
            ("format", "title", "start", "topics", "questions", "outcomes"),
            at=Pos(1, 1),
        )
        fmt = m["format"]
        if getattr(fmt, "tag", None) != "int" or _yaml_int(fmt) != FORMAT_VERSION:
            raise self.fail(
                self.pos(fmt),
                "",
                f"'format' must be {FORMAT_VERSION} (this tool reads format {FORMAT_VERSION})",
            )
        return Tree(
            title=self.text(m, "title", ""),
            start=self.string(m, "start", ""),
            topics=self.seq(m, "topics", "", self.topic),
            questions=self.seq(m, "questions", "", self.question),
            outcomes=self.seq(m, "outcomes", "", self.outcome),
            path=self.path,
            start_pos=m["start"].pos if hasattr(m["start"], "pos") else m.pos,
        )


def _yaml_int(value: str) -> int | None:
    """The integer YAML 1.1 reads from an int-tagged scalar (``0x1``, ``1_0``), if any."""
    import yaml

    node = yaml.ScalarNode("tag:yaml.org,2002:int", value)
    try:
        result = yaml.SafeLoader("").construct_yaml_int(node)
    except (ValueError, IndexError):  # an explicit ``!!int`` on text that is no number
        return None
    return result


def build_tree(data: Any, path: str) -> Tree:
    """Build a ``Tree`` from parsed data, raising ``FaqFileError`` for shape problems."""
    # Only acyclic objects are created: pausing the collector saves a third on large trees.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Builder(path).tree(data)
    finally:
        if gc_was_enabled:
            gc.enable()
