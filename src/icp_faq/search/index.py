"""Ranking: a small BM25F over topics, each topic one document of weighted fields."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .text import chars as char_terms
from .text import contains, normalize, split, terms

if TYPE_CHECKING:
    from ..model import Topic, Tree

# Field weights: what a topic is called outranks what it says.
WEIGHTS = {"title": 3.0, "aliases": 3.0, "points": 1.5, "answer": 1.0}
K1 = 1.2  # BM25 term-frequency saturation
PREFIX_MIN = 5  # English stems sharing at least this prefix match at PREFIX_FACTOR
PREFIX_FACTOR = 0.5
B = 0.75  # BM25 length normalisation
PHRASE_BONUS = 2.0
RELATIVE_FLOOR = 0.2  # search() drops topics scoring below this share of the best
BACKOFF_FACTOR = 0.5  # a lone character stands in for an unknown bigram


class _Field:
    """One field's term counts and length (plain class: dataclasses cost start-up time)."""

    __slots__ = ("counts", "length")

    def __init__(self, counts: Counter[str], length: int) -> None:
        self.counts = counts
        self.length = length


class _Doc:
    """One topic, ready for scoring."""

    __slots__ = ("chars", "phrases", "topic", "words")

    def __init__(
        self,
        topic: Topic,
        words: dict[str, _Field],
        chars: dict[str, _Field],
        phrases: tuple[tuple[str, ...], ...],
    ) -> None:
        self.topic = topic
        self.words = words
        self.chars = chars
        self.phrases = phrases


def _field(items: list[str]) -> _Field:
    return _Field(Counter(items), len(items))


class Index:
    """Topics prepared for ranking; build once per tree, query many times."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._finish([self._prepare(t) for t in topics])

    @staticmethod
    def _prepare(t: Topic) -> _Doc:
        """Normalise one topic's texts into per-field term counts."""
        texts = {
            # The seed's own heading is the question as its authors phrased it.
            "title": [t.title.zh or "", t.title.en or "", t.source.title],
            "aliases": list(t.aliases.all()),
            "points": [x for p in t.points for x in (p.zh or "", p.en or "")],
            "answer": [t.answer.zh or "", t.answer.en or ""],
        }
        norm = {f: [normalize(s) for s in v] for f, v in texts.items()}
        words = {f: _field([w for s in v for w in split(s, False)]) for f, v in norm.items()}
        # Characters come from both the text as written and as normalised: a lone
        # character a user types (驳) may be one the synonym table rewrote (驳回 -> 不通过).
        chars = {
            f: _field([c for s in (*v, *texts[f]) for c in char_terms(s)]) for f, v in norm.items()
        }
        phrases = tuple(p for s in texts["aliases"] if (p := tuple(terms(s))))
        return _Doc(t, words, chars, phrases)

    def _finish(self, docs: list[_Doc]) -> None:
        self.docs = docs
        self.idf = self._idf([d.words for d in self.docs])
        self.cidf = self._idf([d.chars for d in self.docs])
        self.avg = self._avg([d.words for d in self.docs])
        self.cavg = self._avg([d.chars for d in self.docs])
        self.stems = sorted(w for w in self.idf if w.isascii())
        self.top_idf = math.log(1 + (len(self.docs) - 0.5) / 1.5)  # a term only one topic uses

    @staticmethod
    def _idf(docs: list[dict[str, _Field]]) -> dict[str, float]:
        df: Counter[str] = Counter()
        for fields in docs:
            df.update({w for f in fields.values() for w in f.counts})
        n = len(docs)
        return {w: math.log(1 + (n - k + 0.5) / (k + 0.5)) for w, k in df.items()}

    @staticmethod
    def _avg(docs: list[dict[str, _Field]]) -> dict[str, float]:
        return {f: max(sum(d[f].length for d in docs) / len(docs), 1.0) for f in WEIGHTS}

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
        """The term itself, plus English stems sharing a long prefix with it, at a discount."""
        found = [(term, 1.0)] if term in self.idf or term in self.cidf else []
        if term.isascii() and len(term) >= PREFIX_MIN:
            found += [
                (stem, PREFIX_FACTOR)
                for stem in self.stems
                if stem != term
                and len(stem) >= PREFIX_MIN
                and (stem.startswith(term) or term.startswith(stem))
            ]
        return found

    def _specific(self, phrase: tuple[str, ...]) -> float:
        """How specific a phrase's words are, from 0 (every topic uses them) to 1 (one does)."""
        return sum(self.idf.get(w, 0.0) for w in phrase) / len(phrase) / self.top_idf

    def score(self, query: str) -> list[tuple[Topic, float]]:
        """Every topic with a positive score for ``query``, best first, ties in file order."""
        sequence = terms(query, query=True)
        qterms: list[str] = []
        backoff: set[str] = set()
        for term in dict.fromkeys(sequence):
            if term in self.idf or term.isascii() or len(term) == 1:
                qterms.append(term)
            else:  # a bigram the topics never use: back off to its characters
                backoff.update(c for c in term if c in self.cidf)
        covered = {c for t in qterms for c in t}
        qterms += sorted(backoff - covered, key=query.find)
        expanded = {t: self._expand(t) for t in qterms}
        # Coverage counts only terms the topics use at all: noise bigrams such as the
        # ones spanning two words (注册人和 -> 人和) must not dilute it.
        known = sum(1 for t in qterms if expanded[t]) or 1
        results: list[tuple[int, Topic, float]] = []
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
                if best:
                    matched += 1
                    total += best
            if not total:
                continue
            # A title or alias quoted in the query is the strongest hint there is.
            # It counts as much as its words are specific to a few topics.
            total += PHRASE_BONUS * sum(
                min(len(p), 2) / 2 * self._specific(p) for p in doc.phrases if contains(sequence, p)
            )
            total *= 0.5 + 0.5 * matched / known
            results.append((i, doc.topic, total))
        results.sort(key=lambda r: (-r[2], r[0]))
        return [(topic, s) for _, topic, s in results]


def search(tree: Tree, query: str, limit: int | None = None) -> list[tuple[Topic, float]]:
    """The topics of ``tree`` that match ``query``, best first (at most ``limit``)."""
    if not tree.topics:
        return []
    hits = Index(tree.topics).score(query)
    if not hits:
        return []
    # Topics far below the best one matched a stray word or two: noise, not answers.
    hits = [(t, score) for t, score in hits if score >= RELATIVE_FLOOR * hits[0][1]]
    return hits if limit is None else hits[:limit]
