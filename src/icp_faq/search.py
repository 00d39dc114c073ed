"""Find topics: resolve what a user typed to one topic, and rank topics for a free query.

Ranking is a small BM25F: each topic is one document whose fields (title, aliases, key
points, answer, in both languages) carry different weights. Chinese is matched with
character bigrams (unigrams for a one-character query), the standard technique when
there are no spaces; English with lowercase tokens, stopwords dropped and a light suffix
stemmer so that "rejected", "rejection" and "rejects" meet. No I/O, no imports beyond the
standard library: it runs on every ``search`` and must start fast.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import CliError, ExitCode

if TYPE_CHECKING:
    from .model import Topic, Tree

# Field weights: what a topic is called outranks what it says.
WEIGHTS = {"title": 3.0, "aliases": 3.0, "points": 1.5, "answer": 1.0}
K1 = 1.2  # BM25 term-frequency saturation
PREFIX_MIN = 5  # English stems sharing at least this prefix match at PREFIX_FACTOR
PREFIX_FACTOR = 0.5

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
# Question words and particles that carry no topic: they split Chinese runs like spaces do.
_ZH_STOP = re.compile(
    "什么|怎么|怎样|如何|为什么|为啥|是否|能否|能不能|可不可以|可以|可能|还能|还要|需不需要|"
    "有没有|请问|一下|这个|那个|我们|我的|您的|你的|自己|现在|之后|以后|已经|还是|或者|"
    "[的了吗呢吧啊呀么嘛我你您他她它是在也都就还又很把被给让和与及或请]"
)
_EN_STOP_WORDS = (
    "a an the and or but if then so of to in on at by for from with without into onto as "
    "is are was were be been being am do does did done doing have has had having can could "
    "will would shall should may might must i me my mine we us our you your yours he she it "
    "its they them their this that these those there here what which who whom whose when "
    "where why how not no yes any some all just also still yet about again very too more "
    "most much many such own same than get got gets getting want need needs like lot ok "
    "please help"
)
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
# Spellings that mean the same thing in this FAQ; both sides are stemmed on use.
_EN_SYNONYMS = {
    "beian": "icp",
    "record": "filing",
    "registration": "filing",
    "license": "filing",
    "licence": "filing",
    "host": "hosting",
    "hoster": "hosting",
    "hosted": "hosting",
    "cloud": "alibaba",
    "aliyun": "alibaba",
    "website": "site",
    "web": "site",
    "webpage": "site",
    "offline": "access",
    "unreachable": "access",
    "inaccessible": "access",
    "reachable": "access",
    "accessible": "access",
    "online": "access",
    "denied": "reject",
    "deny": "reject",
    "refuse": "reject",
    "refused": "reject",
    "declined": "reject",
    "fail": "reject",
    "failed": "reject",
    "modify": "change",
    "edit": "change",
    "alter": "change",
    "amend": "change",
    "revise": "change",
    "migrate": "move",
    "switch": "change",
    "registrant": "owner",
    "holder": "owner",
    "owns": "owner",
    "bureau": "administration",
    "ca": "administration",
    "notification": "notice",
    "sms": "notice",
    "message": "notice",
}


def _stem(word: str) -> str:
    """A light English suffix stripper: plurals, -ing, -ed, -ation, -er, -ly, final -e."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ation", "ition", "ing", "ed", "ment", "er", "ly"):
        if len(w) - len(suffix) >= 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
                w = w[:-1]  # cancell -> cancel, stopp -> stop
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    return w


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str, *, query: bool = False) -> list[str]:
    """Index terms: English stems, Chinese bigrams (a lone character stays a unigram)."""
    out: list[str] = []
    for run in _RUNS.findall(_normalize(text)):
        if run[0].isascii():
            if run in _EN_STOP:
                continue
            out.append(_stem(_EN_SYNONYMS.get(run, run)))
            continue
        for piece in _ZH_STOP.split(run):
            if len(piece) == 1:
                # In a document a lone character is mostly noise; in a query it is the query.
                if query:
                    out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return out


def _chars(text: str) -> list[str]:
    return [c for c in _normalize(text) if re.match(f"[{_CJK}]", c)]


@dataclass(frozen=True)
class _Doc:
    topic: Topic
    fields: dict[str, Counter[str]]
    chars: dict[str, Counter[str]]
    phrases: tuple[str, ...]


class Index:
    """Topics prepared for ranking; build once per tree, query many times."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self.docs: list[_Doc] = []
        for t in topics:
            texts = {
                "title": [t.title.zh or "", t.title.en or ""],
                "aliases": [a for lang in ("zh", "en") for a in t.aliases.get(lang, ())],
                "points": [x for p in t.points for x in (p.zh or "", p.en or "")],
                "answer": [t.answer.zh or "", t.answer.en or ""],
            }
            fields = {name: Counter(w for s in v for w in terms(s)) for name, v in texts.items()}
            chars = {name: Counter(c for s in v for c in _chars(s)) for name, v in texts.items()}
            phrases = tuple(
                p
                for p in (_normalize(s).strip() for s in [*texts["title"], *texts["aliases"]])
                if p
            )
            self.docs.append(_Doc(t, fields, chars, phrases))
        n = len(self.docs)
        df: Counter[str] = Counter()
        cdf: Counter[str] = Counter()
        for d in self.docs:
            df.update({w for c in d.fields.values() for w in c})
            cdf.update({w for c in d.chars.values() for w in c})
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in df.items()}
        self.cidf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in cdf.items()}
        self.stems = sorted(w for w in self.idf if w.isascii())

    def _weighted_tf(self, doc: _Doc, term: str) -> float:
        fields = doc.chars if len(term) == 1 and not term.isascii() else doc.fields
        return sum(WEIGHTS[name] * counts.get(term, 0) for name, counts in fields.items())

    def _expand(self, term: str) -> list[tuple[str, float]]:
        """The term itself, plus English stems sharing a long prefix with it, at a discount."""
        found = [(term, 1.0)] if term in self.idf else []
        if term.isascii() and len(term) >= PREFIX_MIN:
            for stem in self.stems:
                if (
                    stem != term
                    and len(stem) >= PREFIX_MIN
                    and (stem.startswith(term) or term.startswith(stem))
                ):
                    found.append((stem, PREFIX_FACTOR))
        return found

    def score(self, query: str) -> list[tuple[Topic, float]]:
        """Every topic with a positive score for ``query``, best first, ties in file order."""
        qterms = list(dict.fromkeys(terms(query, query=True)))
        if not qterms:
            return []
        expanded = {t: self._expand(t) for t in qterms}
        normalized = _normalize(query)
        results: list[tuple[int, Topic, float]] = []
        for i, doc in enumerate(self.docs):
            total = 0.0
            matched = 0
            for term in qterms:
                best = 0.0
                for word, factor in expanded[term]:
                    tf = self._weighted_tf(doc, word)
                    if tf:
                        idf = (
                            self.cidf[word]
                            if len(word) == 1 and not word.isascii()
                            else self.idf[word]
                        )
                        best = max(best, factor * idf * tf * (K1 + 1) / (tf + K1))
                if best:
                    matched += 1
                    total += best
            if not total:
                continue
            # A title or alias quoted in the query is the strongest hint there is.
            total += sum(2.0 for p in doc.phrases if len(p) >= 2 and p in normalized)
            total *= 0.5 + 0.5 * matched / len(qterms)
            results.append((i, doc.topic, total))
        results.sort(key=lambda r: (-r[2], r[0]))
        return [(topic, s) for _, topic, s in results]


def search(tree: Tree, query: str, limit: int | None = None) -> list[tuple[Topic, float]]:
    """The topics of ``tree`` that match ``query``, best first (at most ``limit``)."""
    hits = Index(tree.topics).score(query)
    return hits if limit is None else hits[:limit]


def _key(text: str) -> str:
    return " ".join(_normalize(text).split())


def resolve(tree: Tree, name: str) -> Topic:
    """The topic ``name`` designates: an id, a unique id prefix, or a zh/en title.

    Raises:
        CliError: (exit 2) unknown, with close suggestions; or an ambiguous prefix.
    """
    key = _key(name)
    if not key:
        raise CliError("TOPIC is empty; run 'icp-faq list' to see the topics")
    exact = tree.topic(key)
    if exact is not None:
        return exact
    for t in tree.topics:
        if key in (_key(t.title.zh or ""), _key(t.title.en or "")):
            return t
    prefixed = [t for t in tree.topics if t.id.startswith(key)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        listed = ", ".join(t.id for t in prefixed)
        raise CliError(f"'{name.strip()}' is ambiguous: it could be {listed}")
    import difflib

    names: dict[str, str] = {}
    for t in tree.topics:
        names.setdefault(t.id, t.id)
        for title in (t.title.zh, t.title.en):
            if title:
                names.setdefault(_key(title), t.id)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(names[c] for c in close))
    if not ids:
        hits = search(tree, name, 3)
        ids = [t.id for t, score in hits if score >= hits[0][1] / 2]
    hint = f"; did you mean {', '.join(ids)}?" if ids else ""
    raise CliError(
        f"no topic '{name.strip()}'{hint} (run 'icp-faq list' to see them all)",
        ExitCode.USAGE,
    )
