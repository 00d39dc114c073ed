"""Text to index terms: normalise (NFKC, lowercase, everyday wordings to the FAQ's words),
then English stems and Chinese bigrams. Standard library only: it runs on every search.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .vocab import (
    _EN_PHRASES,
    _EN_STOP,
    _EN_SYNONYMS,
    _RUNS,
    _ZH_CANON,
    _ZH_DROP,
    _ZH_SPLIT,
    _ZH_TO,
)


def _canon() -> dict[str, str]:
    return {stem(k): stem(v) for k, v in _EN_SYNONYMS.items()}


def stem(word: str) -> str:
    """A light English suffix stripper: plurals, -ing, -ed, -ion, -ment, -al, -ly, final -e."""
    w = word
    if len(w) <= 3:
        return w
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeious":
                w = w[:-1]  # cancell -> cancel, transferr -> transfer
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    return w


_SUFFIXES = (
    ("istration", "ister"),
    ("ation", ""),
    ("ition", ""),
    ("ion", ""),
    ("ing", ""),
    ("ed", ""),
    ("ment", ""),
    ("al", ""),
    ("ly", ""),
)


class _Patterns:
    """The compiled expressions, each built on first use: ``explain ID`` never pays for
    them, and a query in one language (with the index from the cache) compiles only its own.
    """

    def __init__(self) -> None:
        self.phrase_to = list(_EN_PHRASES)
        self.stems: dict[str, str] = {}  # word -> its stem, canonical spelling

    @functools.cached_property
    def runs(self) -> re.Pattern[str]:
        return re.compile(_RUNS)

    @functools.cached_property
    def split(self) -> re.Pattern[str]:
        return re.compile(_ZH_SPLIT)

    @functools.cached_property
    def canon(self) -> re.Pattern[str]:
        return re.compile(_ZH_CANON)

    @functools.cached_property
    def phrase(self) -> re.Pattern[str]:
        phrases = "|".join(f"(?P<g{i}>{rx})" for i, rx in enumerate(_EN_PHRASES.values()))
        return re.compile(rf"\b(?:{phrases})\b")

    @functools.cached_property
    def drop(self) -> re.Pattern[str]:
        return re.compile(_ZH_DROP)

    @functools.cached_property
    def en_canon(self) -> dict[str, str]:
        return _canon()


_PATTERNS: list[_Patterns] = []


def _rx() -> _Patterns:
    if not _PATTERNS:
        _PATTERNS.append(_Patterns())
    return _PATTERNS[0]


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    rx = _rx()
    if any("a" <= ch <= "z" for ch in text):
        text = rx.phrase.sub(lambda m: f" {rx.phrase_to[int(str(m.lastgroup)[1:])]} ", text)
    if not text.isascii():
        text = rx.canon.sub(lambda m: _ZH_TO[m.group()], text)
    return text


def terms(text: str, *, query: bool = False) -> list[str]:
    """Index terms: English stems, Chinese bigrams (a lone character stays a unigram)."""
    return split(normalize(text), query)


def split(text: str, query: bool) -> list[str]:
    """The terms of already normalised text."""
    out: list[str] = []
    rx = _rx()
    for run in rx.runs.findall(text):
        if run[0].isascii():
            if run in _EN_STOP or len(run) == 1:
                continue
            word = rx.stems.get(run)
            if word is None:
                word = rx.stems[run] = rx.en_canon.get(stem(run), stem(run))
            out.append(word)
            continue
        for piece in rx.split.split(run):
            piece = rx.drop.sub("", piece)
            if len(piece) == 1:
                # In a document a lone character is mostly noise; in a query it is the query.
                if query:
                    out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return out


def chars(text: str) -> list[str]:
    """The Chinese characters of already normalised text, particles dropped."""
    rx = _rx()
    return [c for run in rx.runs.findall(rx.drop.sub("", text)) if not run.isascii() for c in run]


def contains(seq: list[str], part: tuple[str, ...]) -> bool:
    """Whether ``part`` occurs in ``seq`` as a contiguous run."""
    n = len(part)
    return any(tuple(seq[i : i + n]) == part for i in range(len(seq) - n + 1))
