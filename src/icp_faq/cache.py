"""A parsed-tree cache so one-shot commands skip YAML: JSON in ``$XDG_CACHE_HOME/icp-faq/``.

An entry is keyed by the tree file's absolute path, size, mtime, ctime and inode, plus
the package version and this module's format number; any mismatch, any unreadable or
corrupt entry is a miss. Entries are written atomically (temp file + ``os.replace``), and
a cache that cannot be written is silently skipped: the cache only ever saves time.
``validate`` never uses it, so it always reads the file itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path
from typing import Any

from . import __version__
from .model import (
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
)

FORMAT = 1


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/icp-faq``, else ``~/.cache/icp-faq``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "icp-faq"


def _key(path: Path) -> tuple[Path, dict[str, Any]] | None:
    try:
        real = path.resolve()
        st = real.stat()
    except (OSError, RuntimeError):
        return None
    key = {
        "format": FORMAT,
        "version": __version__,
        "path": str(real),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "ctime_ns": st.st_ctime_ns,
        "ino": st.st_ino,
    }
    name = f"tree-{zlib.crc32(str(real).encode('utf-8', 'surrogatepass')):08x}.json"
    return cache_dir() / name, key


def load_tree_cached(path: Path) -> Tree:
    """The tree at ``path``, from the cache when it is current, else parsed (and cached)."""
    entry = _key(path)
    if entry is not None:
        file, key = entry
        tree = _read(file, key, os.fspath(path))
        if tree is not None:
            return tree
    from .loader import load_tree

    tree = load_tree(path)
    if entry is not None:
        _write(entry[0], entry[1], tree)
    return tree


def _read(file: Path, key: dict[str, Any], shown: str) -> Tree | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return decode_tree(data["tree"], shown)
    except Exception:  # a corrupt or foreign entry is a miss, never an error
        return None


def _write(file: Path, key: dict[str, Any], tree: Tree) -> None:
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"key": key, "tree": encode_tree(tree)}, ensure_ascii=False)
        tmp.write_text(payload, encoding="utf-8")
        os.replace(tmp, file)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


# --------------------------------------------------------------------------- encoding


def _p(pos: Pos) -> list[int]:
    return [pos.line, pos.col]


def _P(data: list[int]) -> Pos:
    return Pos(data[0], data[1])


def _t(text: Text) -> list[Any]:
    return [text.zh, text.en, _p(text.pos), _p(text.zh_pos), _p(text.en_pos)]


def _T(data: list[Any]) -> Text:
    return Text(data[0], data[1], _P(data[2]), _P(data[3]), _P(data[4]))


def _link(link: Link) -> list[Any]:
    return [_t(link.title), link.url, _p(link.pos), _p(link.url_pos)]


def _LINK(data: list[Any]) -> Link:
    return Link(_T(data[0]), data[1], _P(data[2]), _P(data[3]))


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
                "pos": _p(o.pos),
                "topics_pos": _p(o.topics_pos),
            }
            for o in tree.outcomes
        ],
    }


def decode_tree(data: dict[str, Any], path: str) -> Tree:
    """Rebuild the model from ``encode_tree`` output."""
    aliases: dict[Lang, tuple[str, ...]]
    topics = []
    for t in data["topics"]:
        aliases = {lang: tuple(v) for lang, v in t["aliases"].items()}
        topics.append(
            Topic(
                id=t["id"],
                title=_T(t["title"]),
                answer=_T(t["answer"]),
                points=tuple(_T(p) for p in t["points"]),
                links=tuple(_LINK(k) for k in t["links"]),
                related=tuple(t["related"]),
                aliases=aliases,
                source=Source(t["source"][0], t["source"][1]),
                pos=_P(t["pos"]),
                related_pos=_P(t["related_pos"]),
            )
        )
    questions = tuple(
        Question(
            id=q["id"],
            text=_T(q["text"]),
            choices=tuple(Choice(c[0], _T(c[1]), c[2], _P(c[3]), _P(c[4])) for c in q["choices"]),
            help=None if q["help"] is None else _T(q["help"]),
            pos=_P(q["pos"]),
        )
        for q in data["questions"]
    )
    outcomes = tuple(
        Outcome(
            id=o["id"],
            title=_T(o["title"]),
            steps=tuple(_T(s) for s in o["steps"]),
            topics=tuple(o["topics"]),
            links=tuple(_LINK(k) for k in o["links"]),
            pos=_P(o["pos"]),
            topics_pos=_P(o["topics_pos"]),
        )
        for o in data["outcomes"]
    )
    return Tree(
        title=_T(data["title"]),
        start=data["start"],
        topics=tuple(topics),
        questions=questions,
        outcomes=outcomes,
        path=path,
        start_pos=_P(data["start_pos"]),
    )
