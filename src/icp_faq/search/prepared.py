"""The packaged tree's search indexes, prepared once when the wheel is built.

Building an index reads every text of the tree in the query's languages (tens of
milliseconds on each ``search``); the packaged tree of an installed wheel never changes, so
the build step (``hatch_build.py``) writes its three indexes (Chinese, English, both) beside
the packed tree, and a search there reads the one it needs instead (a few milliseconds).

They are used for that one file only: the packed tree inside the installed package, whose
size and CRC-32 the prepared file records and which are checked before it is used. A tree
given with ``--tree``, or read from a checkout, is indexed as before; so is the packaged one
if the prepared file is missing, stale or unreadable. Standard library only.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .index import Index, _Doc, _Field
from .text import analyzer_for

if TYPE_CHECKING:
    from ..model import Lang, Neighbour, Topic, Tree

FORMAT = 2
SETS: tuple[tuple[Lang, ...], ...] = (("zh",), ("en",), ("zh", "en"))
# The packed tree of an installed wheel, and its prepared indexes beside it.
PACKED = Path(__file__).resolve().parents[1] / "data" / "icp-access.json"
SUFFIX = ".search.json"


def prepared_path(packed: Path) -> Path:
    """Where the prepared indexes of the packed tree ``packed`` are written."""
    return packed.with_name(packed.stem + SUFFIX)


def _fingerprint(data: bytes) -> dict[str, int]:
    return {"size": len(data), "crc": zlib.crc32(data)}


def _field(f: _Field) -> list[Any]:
    return [f.counts, f.length]


def _doc(d: _Doc) -> dict[str, Any]:
    return {
        "id": d.item.id,
        "topic": d.topic,
        "words": {name: _field(f) for name, f in d.words.items()},
        "chars": {name: _field(f) for name, f in d.chars.items()},
        "phrases": d.phrases,
        "quoted": d.quoted,
        "markers": [[sorted(terms), sorted(new)] for terms, new in d.markers],
        "anchors": [sorted(terms) for terms in d.anchors],
    }


def dump(tree: Tree, packed: bytes) -> bytes:
    """The prepared indexes of ``tree``, read from the packed bytes ``packed``: JSON lines,
    a header (format, the packed tree's fingerprint, where each index is), then one index
    per language set, so that a search reads only the one it needs."""
    lines: list[bytes] = []
    for langs in SETS:
        index = Index(tree, langs)
        state = {
            "docs": [_doc(d) for d in index.docs],
            "idf": index.idf,
            "cidf": index.cidf,
            "avg": index.avg,
            "cavg": index.cavg,
            "generic": sorted(index.generic),
        }
        lines.append(json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode())
    spans, start = [], 0
    for line in lines:
        spans.append([start, len(line)])
        start += len(line) + 1
    head = {"format": FORMAT, **_fingerprint(packed), "sets": SETS, "spans": spans}
    return b"\n".join([json.dumps(head).encode(), *lines]) + b"\n"


def write(packed: Path, target: Path | None = None) -> Path:
    """Write the prepared indexes of the packed tree file ``packed`` (build time)."""
    from ..loader import build_tree

    data = packed.read_bytes()
    tree = build_tree(json.loads(data.decode("utf-8")), str(packed))
    target = target or prepared_path(packed)
    target.write_bytes(dump(tree, data))
    return target


def load(tree: Tree, langs: tuple[Lang, ...], packed: Path = PACKED) -> Index | None:
    """The prepared index of ``tree`` in ``langs``, if ``tree`` is the packed tree ``packed``
    and its prepared file matches it; else ``None`` (build the index instead)."""
    if langs not in SETS or not tree.path or Path(tree.path) != packed:
        return None
    try:
        with prepared_path(packed).open("rb") as f:
            head = json.loads(f.readline())
            if head.get("format") != FORMAT or head.get("sets") != [list(s) for s in SETS]:
                return None
            if {k: head.get(k) for k in ("size", "crc")} != _fingerprint(packed.read_bytes()):
                return None
            start, size = head["spans"][SETS.index(langs)]
            f.seek(f.tell() + start)
            state = json.loads(f.read(size))
        return _build(tree, langs, state)
    except (OSError, ValueError, LookupError, TypeError):
        return None


def _build(tree: Tree, langs: tuple[Lang, ...], state: dict[str, Any]) -> Index | None:
    """An ``Index`` from its prepared state, without reading a text."""
    items: dict[tuple[bool, str], Topic | Neighbour] = {(True, t.id): t for t in tree.topics}
    items.update({(False, n.id): n for n in tree.neighbours})
    docs = []
    for d in state["docs"]:
        item = items.get((d["topic"], d["id"]))
        if item is None:
            return None
        doc = _Doc(
            item,
            d["topic"],
            {name: _Field(*f) for name, f in d["words"].items()},
            {name: _Field(*f) for name, f in d["chars"].items()},
            tuple(tuple(p) for p in d["phrases"]),
            tuple(tuple(p) for p in d["quoted"]),
        )
        doc.markers = tuple((frozenset(a), frozenset(b)) for a, b in d["markers"])
        doc.anchors = tuple(frozenset(a) for a in d["anchors"])
        docs.append(doc)
    if len(docs) != len(items):
        return None
    index = Index.__new__(Index)
    index.analyzer = analyzer_for(tree.vocabulary)
    index.langs = langs
    index.docs = docs
    index.idf = state["idf"]
    index.cidf = state["cidf"]
    index.avg = state["avg"]
    index.cavg = state["cavg"]
    index.stems = sorted(w for w in index.idf if w.isascii())
    index.top_idf = Index.top_idf_of(len(docs))
    index.generic = set(state["generic"])
    return index
