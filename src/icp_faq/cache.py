"""A parsed-tree cache so one-shot commands skip YAML: JSON in ``$XDG_CACHE_HOME/icp-faq/``.

An entry is keyed by the tree file's absolute path, size, mtime, ctime and inode, plus
the package version and this module's format number; any mismatch, any unreadable or
corrupt entry is a miss. Entries are written atomically (temp file + ``os.replace``), and
a cache that cannot be written is silently skipped: the cache only ever saves time.
``validate`` never uses it, so it always reads the file itself.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import __version__
from .model import (
    Choice,
    Link,
    Outcome,
    Pos,
    Question,
    Source,
    Text,
    Topic,
    Tree,
)

if TYPE_CHECKING:
    from .search import Index

FORMAT = 2
T = TypeVar("T")


def _model_shape() -> str:
    """A fingerprint of the model's fields: an entry written by a different model is a miss,
    even when the version number was not bumped (an editable install being worked on)."""
    from dataclasses import fields

    classes = (Text, Link, Source, Topic, Choice, Question, Outcome, Tree)
    names = ";".join(f"{c.__name__}:{','.join(f.name for f in fields(c))}" for c in classes)
    return f"{zlib.crc32(names.encode()):08x}"


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/icp-faq``, else ``~/.cache/icp-faq``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "icp-faq"


def _key(path: Path) -> tuple[Path, dict[str, Any]] | None:
    """The entry's file stem and the key that must match, or None if ``path`` cannot be stat'ed."""
    try:
        real = path.resolve()
        st = real.stat()
    except (OSError, RuntimeError):
        return None
    key = {
        "format": FORMAT,
        "version": __version__,
        "model": _model_shape(),
        "path": str(real),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "ctime_ns": st.st_ctime_ns,
        "ino": st.st_ino,
    }
    stem = f"tree-{zlib.crc32(str(real).encode('utf-8', 'surrogatepass')):08x}"
    return cache_dir() / stem, key


# An entry is two files: the topics (all that explain, list and search read) and the nodes.
PARTS = {"topics": ("title", "start", "start_pos", "topics"), "nodes": ("questions", "outcomes")}


def load_tree_cached(path: Path, *, topics_only: bool = False) -> Tree:
    """The tree at ``path``, from the cache when it is current, else parsed (and cached).

    Args:
        path: the tree file.
        topics_only: read only the topics part of the entry; the tree returned then has
            no questions or outcomes. For commands that never look at nodes (explain, list,
            search), so that a 10,000-node tree does not cost them the nodes' decoding.
    """
    entry = _key(path)
    if entry is not None:
        stem, key = entry
        parts = ("topics",) if topics_only else tuple(PARTS)
        with _gc_paused():
            tree = _read(stem, key, parts, os.fspath(path))
        if tree is not None:
            return tree
    from .loader import load_tree

    tree = load_tree(path)
    if entry is not None:
        _write(entry[0], entry[1], tree)
    return tree


def search_index(path: Path, tree: Tree) -> Index:
    """The search index of the tree at ``path``: from the cache when current, else built
    (and cached). The entry is also keyed by the search module's own code, so changing the
    ranking or its word tables never reads an index prepared by the old ones."""
    from .search import Index, code_fingerprint

    entry = _key(path)
    if entry is None:
        return Index(tree.topics)
    stem, key = entry
    key = {**key, "search": code_fingerprint()}
    file = stem.with_name(f"{stem.name}.search.json")
    with contextlib.suppress(Exception):  # missing, corrupt or stale: build it again
        stored = json.loads(file.read_text("utf-8"))
        if stored.get("key") == key:
            return Index.restore(tree.topics, stored["data"])
    index = Index(tree.topics)
    _write_json(file, {"key": key, "data": index.data()})
    return index


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hundreds of thousands of small, long-lived objects: collections would only cost."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(stem: Path, key: dict[str, Any], parts: tuple[str, ...], shown: str) -> Tree | None:
    data: dict[str, Any] = {}
    try:
        for part in parts:
            entry = json.loads(stem.with_name(f"{stem.name}.{part}.json").read_text("utf-8"))
            if entry.get("key") != key:
                return None
            data.update(entry["data"])
        return decode_tree(data, shown)
    except Exception:  # a missing, corrupt or foreign entry is a miss, never an error
        return None


def _write(stem: Path, key: dict[str, Any], tree: Tree) -> None:
    data = encode_tree(tree)
    for part, fields in PARTS.items():
        payload = {"key": key, "data": {f: data[f] for f in fields}}
        if not _write_json(stem.with_name(f"{stem.name}.{part}.json"), payload):
            return


def _write_json(file: Path, payload: dict[str, Any]) -> bool:
    """Write ``payload`` atomically (temp file + rename); False if the cache is unwritable."""
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, file)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


# --------------------------------------------------------------------------- encoding


_new = object.__new__


def _make(cls: type[T], **values: Any) -> T:
    """A frozen dataclass instance without its ``__init__``: the same object, 3x faster.

    Only for the model's plain frozen dataclasses (no ``__post_init__``): ``__init__``
    would assign exactly these fields through ``object.__setattr__``, one call each.
    """
    obj = _new(cls)
    obj.__dict__.update(values)
    return obj


def _p(pos: Pos) -> list[int]:
    return [pos.line, pos.col]


def _P(data: list[int]) -> Pos:
    return Pos(data[0], data[1])


def _t(text: Text) -> list[Any]:
    return [text.zh, text.en, *_p(text.pos), *_p(text.zh_pos), *_p(text.en_pos)]


def _T(d: list[Any]) -> Text:
    return _make(
        Text,
        zh=d[0],
        en=d[1],
        pos=Pos(d[2], d[3]),
        zh_pos=Pos(d[4], d[5]),
        en_pos=Pos(d[6], d[7]),
    )


def _link(link: Link) -> list[Any]:
    return [_t(link.title), link.url, _p(link.pos), _p(link.url_pos)]


def _LINK(data: list[Any]) -> Link:
    return _make(Link, title=_T(data[0]), url=data[1], pos=_P(data[2]), url_pos=_P(data[3]))


def encode_tree(tree: Tree) -> dict[str, Any]:
    """The whole model as JSON-ready data, positions included, so decoding is exact."""
    return {
        "title": _t(tree.title),
        "start": tree.start,
        "start_pos": _p(tree.start_pos),
        "topics": [
            {
                "id": t.id,
                "title": _t(t.title),
                "answer": _t(t.answer),
                "points": [_t(p) for p in t.points],
                "links": [_link(k) for k in t.links],
                "related": list(t.related),
                "aliases": {lang: list(v) for lang, v in t.aliases.items()},
                "source": [t.source.title, t.source.anchor],
                "pos": _p(t.pos),
                "related_pos": _p(t.related_pos),
            }
            for t in tree.topics
        ],
        "questions": [
            {
                "id": q.id,
                "text": _t(q.text),
                "choices": [
                    [c.id, _t(c.label), c.next, _p(c.pos), _p(c.next_pos)] for c in q.choices
                ],
                "help": None if q.help is None else _t(q.help),
                "pos": _p(q.pos),
            }
            for q in tree.questions
        ],
        "outcomes": [
            {
                "id": o.id,
                "title": _t(o.title),
                "steps": [_t(s) for s in o.steps],
                "topics": list(o.topics),
                "links": [_link(k) for k in o.links],
                "covered": o.covered,
                "pos": _p(o.pos),
                "topics_pos": _p(o.topics_pos),
            }
            for o in tree.outcomes
        ],
    }


def decode_tree(data: dict[str, Any], path: str) -> Tree:
    """Rebuild the model from ``encode_tree`` output."""
    topics = tuple(
        _make(
            Topic,
            id=t["id"],
            title=_T(t["title"]),
            answer=_T(t["answer"]),
            points=tuple(_T(p) for p in t["points"]),
            links=tuple(_LINK(k) for k in t["links"]),
            related=tuple(t["related"]),
            aliases={lang: tuple(v) for lang, v in t["aliases"].items()},
            source=_make(Source, title=t["source"][0], anchor=t["source"][1]),
            pos=_P(t["pos"]),
            related_pos=_P(t["related_pos"]),
        )
        for t in data["topics"]
    )
    questions = tuple(
        _make(
            Question,
            id=q["id"],
            text=_T(q["text"]),
            choices=tuple(
                _make(Choice, id=c[0], label=_T(c[1]), next=c[2], pos=_P(c[3]), next_pos=_P(c[4]))
                for c in q["choices"]
            ),
            help=None if q["help"] is None else _T(q["help"]),
            pos=_P(q["pos"]),
            kind="question",
        )
        for q in data.get("questions", ())
    )
    outcomes = tuple(
        _make(
            Outcome,
            id=o["id"],
            title=_T(o["title"]),
            steps=tuple(_T(s) for s in o["steps"]),
            topics=tuple(o["topics"]),
            links=tuple(_LINK(k) for k in o["links"]),
            covered=bool(o["covered"]),
            pos=_P(o["pos"]),
            topics_pos=_P(o["topics_pos"]),
            kind="outcome",
        )
        for o in data.get("outcomes", ())
    )
    return Tree(
        title=_T(data["title"]),
        start=data["start"],
        topics=topics,
        questions=questions,
        outcomes=outcomes,
        path=path,
        start_pos=_P(data["start_pos"]),
    )
