"""Ranking: a small BM25F over the tree's topics and neighbouring subjects.

Every topic, and every neighbour (a subject the FAQ does not answer), is one document of
weighted fields. ``Index.rank`` scores a query against all of them, and says for each how
much of the query it explains; ``decide.decide`` reads that ranking and answers or declines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from ..model import LANGS
from .decide import Answer, Hit, decide
from .text import analyzer_for, contains

if TYPE_CHECKING:
    from ..model import Lang, Neighbour, Text, Topic, Tree

# Field weights: what a topic is called, and when it applies, outrank what it says.
WEIGHTS = {"title": 3.0, "aliases": 3.0, "situations": 3.0, "points": 1.5, "answer": 0.5}
# The fields that say what a document is about: they explain a query (coverage).
SCOPE = ("title", "aliases", "situations", "points")
K1 = 1.2  # BM25 term-frequency saturation
B = 0.75  # BM25 length normalisation
PREFIX_MIN = 5  # English stems sharing at least this prefix match at PREFIX_FACTOR
PREFIX_FACTOR = 0.5
TYPO_MIN = 4  # an unknown English word this long may be a typo of a known stem
TYPO_FACTOR = 0.7
PHRASE_BONUS = 2.0  # an alias or a situation's quoted words found as they stand in a query
PHRASE_SCALE = 10.0  # ... counts as much more as the query has more terms than this
BACKOFF_FACTOR = 0.5  # a lone character stands in for an unknown bigram
GENERIC_FACTOR = 0.3  # a generic word counts this much towards a score
UNKNOWN_WEIGHT = 0.5  # a query word no document knows counts this much against coverage
CHAR_WEIGHT = 0.5  # a Chinese character is about half a word (IP in 换IP weighs two)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]+)[”\"」』]")


class _Field:
    """One field's term counts and length (plain class: dataclasses cost start-up time)."""

    __slots__ = ("counts", "length")

    def __init__(self, counts: dict[str, int], length: int) -> None:
        self.counts = counts
        self.length = length


class _Doc:
    """One topic or neighbour, ready for scoring."""

    __slots__ = (
        "anchors",
        "chars",
        "item",
        "markers",
        "phrases",
        "quoted",
        "scope",
        "topic",
        "words",
    )

    def __init__(
        self,
        item: Topic | Neighbour,
        topic: bool,
        words: dict[str, _Field],
        chars: dict[str, _Field],
        phrases: tuple[tuple[str, ...], ...],
        quoted: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        self.item = item
        self.topic = topic
        self.words = words
        self.chars = chars
        self.phrases = phrases
        self.quoted = quoted  # the words its situations quote: what the user sees
        scope = [f for f in words if f in SCOPE]
        self.scope = {w for f in scope for w in words[f].counts}
        self.scope |= {c for f in scope for c in chars[f].counts}
        # A neighbour's aliases as sets of terms, each with the terms no topic uses.
        self.markers: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
        # A topic's anchors as sets of terms: a query must hold one to be answered by it.
        self.anchors: tuple[frozenset[str], ...] = ()


def _field(items: list[str]) -> _Field:
    return _Field(Counter(items), len(items))


class Index:
    """A tree's topics and neighbours prepared for ranking; build once, query many times."""

    def __init__(self, tree: Tree, langs: tuple[Lang, ...] = LANGS) -> None:
        """Index ``tree``'s texts in ``langs``: a query in one language needs only those."""
        self.analyzer = analyzer_for(tree.vocabulary)
        self.langs = langs
        docs = [self._prepare(t, True) for t in tree.topics]
        docs += [self._prepare(n, False) for n in tree.neighbours]
        self.docs = docs
        self.idf = self._idf([d.words for d in docs])
        self.cidf = self._idf([d.chars for d in docs])
        self.avg = self._avg([d.words for d in docs])
        self.cavg = self._avg([d.chars for d in docs])
        self.stems = sorted(w for w in self.idf if w.isascii())
        self.top_idf = self.top_idf_of(len(docs))
        generic = [w for lang in langs for w in tree.vocabulary.generic.get(lang)]
        self.generic = {t for w in generic for t in self.analyzer.terms(w, query=True)}
        known = self.generic.union(*(d.scope for d in docs if d.topic))
        for d in docs:
            if d.topic:
                d.anchors = self._anchors(d.item)  # type: ignore[arg-type]
            else:
                d.markers = self._markers(d.item, known)

    @staticmethod
    def top_idf_of(n: int) -> float:
        """The idf of a term only one of ``n`` documents uses."""
        return math.log(1 + (n - 0.5) / 1.5)

    def _markers(
        self, item: Topic | Neighbour, known: set[str]
    ) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """A neighbour's aliases as term sets, each with its terms no topic uses (kept only
        when it has some: an alias made of the FAQ's own words names nothing beyond it)."""
        found = []
        for alias in (w for lang in self.langs for w in item.aliases.get(lang)):
            terms = frozenset(self.analyzer.terms(alias, query=True))
            if terms - known:
                found.append((terms, frozenset(terms - known)))
        return tuple(found)

    def _anchors(self, topic: Topic) -> tuple[frozenset[str], ...]:
        """A topic's anchors as term sets, read as a query is (a lone character is itself);
        one of only stopwords or generic words holds nothing and is left out."""
        found = (
            self.analyzer.terms(w, query=True)
            for lang in self.langs
            for w in topic.anchors.get(lang)
        )
        return tuple(frozenset(terms) for terms in found if terms)

    def _prepare(self, item: Topic | Neighbour, topic: bool) -> _Doc:
        """Normalise one document's texts into per-field term counts."""
        langs = self.langs

        def both(text: Text) -> list[str]:
            return [text.get(lang) for lang in langs]

        # A neighbour is found by its aliases: its title, for display, may well use the
        # FAQ's own words ("what deregistration does to email").
        texts: dict[str, list[str]] = {
            "title": both(item.title) if topic else [],
            "aliases": [w for lang in langs for w in item.aliases.get(lang)],
        }
        if topic:
            t: Topic = item  # type: ignore[assignment]
            if "zh" in langs:
                texts["title"].append(t.source.title)  # the question as the source has it
            texts["situations"] = [x for s in t.situations for x in both(s)]
            texts["points"] = [x for p in t.points for x in both(p)]
            texts["answer"] = both(t.answer)
        an = self.analyzer
        pieces = {f: [an.pieces(s) for s in v] for f, v in texts.items()}
        words = {f: _field([w for p in v for w in an.split(p)]) for f, v in pieces.items()}
        # Characters come from both the text as written and as read: a lone character a
        # user types (驳) may be one the vocabulary rewrote (驳回 -> 不通过).
        chars = {
            f: _field(
                [c for p in v for piece in p if not piece.isascii() for c in piece]
                + [c for s in texts[f] for c in an.chars(s)]
            )
            for f, v in pieces.items()
        }
        # Aliases, and the words a situation quotes (what the user sees: “未接入”), are
        # phrases: found as they stand in a query, they are the strongest hint there is.
        said = [m for s in texts.get("situations", ()) for m in _QUOTED.findall(s)]
        quoted = tuple(p for s in said if (p := tuple(an.terms(s))))
        phrases = tuple(p for s in texts["aliases"] if (p := tuple(an.terms(s)))) + quoted
        return _Doc(item, topic, words, chars, phrases, quoted)

    @staticmethod
    def _idf(docs: list[dict[str, _Field]]) -> dict[str, float]:
        df: Counter[str] = Counter()
        for fields in docs:
            df.update({w for f in fields.values() for w in f.counts})
        n = len(docs)
        return {w: math.log(1 + (n - k + 0.5) / (k + 0.5)) for w, k in df.items()}

    @staticmethod
    def _avg(docs: list[dict[str, _Field]]) -> dict[str, float]:
        n = max(len(docs), 1)
        return {f: max(sum(d[f].length for d in docs if f in d) / n, 1.0) for f in WEIGHTS}

    def _tf(self, doc: _Doc, term: str) -> float:
        """BM25F's weighted, length-normalised term frequency over the fields."""
        unigram = len(term) == 1 and not term.isascii()
        fields, avg = (doc.chars, self.cavg) if unigram else (doc.words, self.avg)
        total = 0.0
        for name, f in fields.items():
            tf = f.counts.get(term, 0)
            if tf:
                total += WEIGHTS[name] * tf / (1 - B + B * f.length / avg[name])
        return total

    def _expand(self, term: str) -> list[tuple[str, float]]:
        """The term itself; English stems sharing a long prefix, or a typo away, discounted."""
        found = [(term, 1.0)] if term in self.idf or term in self.cidf else []
        if not term.isascii():
            return found
        if len(term) >= PREFIX_MIN:
            found += [
                (stem, PREFIX_FACTOR)
                for stem in self.stems
                if stem != term
                and len(stem) >= PREFIX_MIN
                and (stem.startswith(term) or term.startswith(stem))
            ]
        if not found and len(term) >= TYPO_MIN and not term.isdigit():
            limit = 1 if len(term) < 7 else 2
            found = [
                (stem, TYPO_FACTOR)
                for stem in self.stems
                if abs(len(stem) - len(term)) <= limit and _within(term, stem, limit)
            ]
        return found

    def _specific(self, phrase: tuple[str, ...]) -> float:
        """How specific a phrase's words are, from 0 (every document uses them) to 1 (one)."""
        return sum(self.idf.get(w, 0.0) for w in phrase) / len(phrase) / self.top_idf

    def rank(self, query: str) -> list[Hit]:
        """Every document with a positive score for ``query``, best first, ties in file order."""
        pieces = self.analyzer.pieces(query)
        if any(len(p) > 1 for p in pieces):
            # A lone character is the query when it is all there is; beside words, it is a
            # particle or a fragment the stopwords left.
            pieces = [p for p in pieces if len(p) > 1]
        sequence = self.analyzer.split(pieces, query=True)
        qterms: list[str] = []
        backoff: set[str] = set()
        for term in dict.fromkeys(sequence):
            if term in self.idf or term.isascii() or len(term) == 1:
                qterms.append(term)
            else:  # a bigram no document uses: back off to its characters
                backoff.update(c for c in term if c in self.cidf)
        single = {c for t in qterms for c in t}
        qterms += sorted(backoff - single, key=query.find)
        expanded = {t: self._expand(t) for t in qterms}
        units = self._units(pieces, expanded)
        # The share of terms matched counts only terms some document uses at all: noise
        # bigrams spanning two words (注册人和 -> 人和) must not dilute it.
        known = sum(1 for t in qterms if expanded[t]) or 1
        present = set(sequence)
        # What an anchor may find: the query's terms as search reads them (a typo reads as
        # its stem), and each character of its Chinese terms (变 in 性质变了).
        held = present.union(*(t for t in present if not t.isascii()))
        held.update(w for t in qterms for w, _ in expanded[t])
        everything: set[str] = set()  # what the neighbours' aliases name beyond the FAQ
        results: list[tuple[int, Hit]] = []
        for i, doc in enumerate(self.docs):
            total = 0.0
            matched = 0
            for term in qterms:
                best = 0.0
                for word, factor in expanded[term]:
                    tf = self._tf(doc, word)
                    if tf:
                        idf = self.idf.get(word) or self.cidf.get(word, 0.0)
                        best = max(best, factor * idf * tf * (K1 + 1) / (tf + K1))
                if term in backoff:
                    best *= BACKOFF_FACTOR
                if term in self.generic:
                    best *= GENERIC_FACTOR
                if best:
                    matched += 1
                    total += best
            if not total:
                continue
            found = [p for p in doc.phrases if contains(sequence, p)]
            # In a long text, a phrase found as it stands counts for as much more as the
            # text has more words to match by accident.
            total += (
                PHRASE_BONUS
                * max(1.0, len(qterms) / PHRASE_SCALE)
                * sum(min(len(p), 2) / 2 * self._specific(p) for p in found)
            )
            total *= 0.5 + 0.5 * matched / known
            explained = {
                t
                for t in qterms
                if t not in backoff and any(w in doc.scope for w, _ in expanded[t])
            }
            # A neighbour's alias found in the query, all its words in any order, names
            # what the query is about; its words no topic uses go beyond the FAQ.
            named = {t for terms, new in doc.markers if terms <= present for t in new}
            everything |= named
            hit = Hit(
                doc.item,
                total,
                _coverage(units, explained),
                doc.topic,
                any(len(p) > 1 for p in found),
                1.0 if named else 0.0,  # the share of everything named: below
                any(contains(sequence, p) for p in doc.quoted),
                not doc.anchors or any(a <= held for a in doc.anchors),
            )
            results.append((i, hit))
        results.sort(key=lambda r: (-r[1].score, r[0]))
        if everything:
            share = _coverage(units, everything)
            for _, hit in results:
                hit.beyond *= share
        return [hit for _, hit in results]

    def answer(self, query: str, limit: int | None = None) -> Answer:
        """Rank ``query`` and decide whether the FAQ answers it (``decide.decide``)."""
        return decide(self.rank(query), query, limit)

    def _units(
        self, pieces: list[str], expanded: dict[str, list[tuple[str, float]]]
    ) -> list[tuple[float, tuple[str, ...]]]:
        """The query's words, each with its weight and the terms that would explain it.

        An English word is one unit, explained by its stem; a Chinese character is one unit
        of ``CHAR_WEIGHT`` (most Chinese words are two characters), explained by either
        bigram it is part of (so a bigram spanning two words, explained or not, changes
        nothing). Generic words weigh nothing; a word no document knows weighs
        ``UNKNOWN_WEIGHT`` of that.
        """
        units: list[tuple[float, tuple[str, ...]]] = []
        for piece in pieces:
            size = 1.0 if piece.isascii() else CHAR_WEIGHT
            if piece.isascii() or len(piece) == 1:
                groups: list[tuple[str, ...]] = [(piece,)]
            else:
                grams = [piece[i : i + 2] for i in range(len(piece) - 1)]
                groups = [tuple(grams[max(j - 1, 0) : j + 1]) for j in range(len(piece))]
            for terms in groups:
                if any(t in self.generic for t in terms):
                    weight = 0.0
                elif any(expanded.get(t) for t in terms):
                    weight = size
                else:
                    weight = size * UNKNOWN_WEIGHT
                units.append((weight, terms))
        return units


def _coverage(units: list[tuple[float, tuple[str, ...]]], explained: set[str]) -> float:
    """The share of the query's weight in the units that ``explained`` terms explain."""
    total = sum(w for w, _ in units)
    if not total:
        return 0.0
    return sum(w for w, terms in units if any(t in explained for t in terms)) / total


def _within(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``limit`` edits apart (Levenshtein, early exit)."""
    if a == b:
        return True
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit
