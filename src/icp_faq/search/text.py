"""Text to index terms, with the words a tree's vocabulary brings.

Normalising: NFKC, lowercase; then the vocabulary's everyday wordings become the FAQ's words
(Chinese: the longest wording at each place in the text; English: the longest phrase of
stemmed words, where ``*`` in a phrase stands for any one word); stopwords go. Terms: English
stems, Chinese character bigrams (a lone character stays one, in a query). No regular
expression comes from a tree: every wording is matched as plain text, so no vocabulary can
make search slow. Standard library only: it runs on every search.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Vocabulary

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{CJK}]+|[a-z0-9]+")
_NOT = re.compile(r"(can|won|ca|wo)?n't\b")  # English contractions: don't -> do not
_JOINS = frozenset(" '-")  # between two English words, these keep them in one phrase
WILDCARD = "*"


def is_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (then it is matched as Chinese)."""
    return any(_RUNS.fullmatch(ch) and not ch.isascii() for ch in text)


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


def _fold(text: str) -> str:
    """NFKC, lowercase, typographic apostrophes straightened, English negations spelt out."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    if "n't" in text:
        text = _NOT.sub(
            lambda m: (
                {"can": "can", "ca": "can", "won": "will", "wo": "will"}.get(
                    m.group(1) or "", m.group(1) or ""
                )
                + " not"
            ),
            text,
        )
    return text


class Analyzer:
    """Turns text into terms with one tree's vocabulary (or none: plain bigrams and stems)."""

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.zh_cuts: dict[str, list[str]] = {}  # first char -> stopwords and generic words
        self.zh_generic: set[str] = set()
        self.zh_stop_drop: set[str] = set()
        self.en_stop: set[str] = set()
        self.zh_words: dict[str, str] = {}  # wording -> word
        self.zh_first: dict[str, list[str]] = {}  # first char -> wordings, longest first
        self.en_single: dict[str, str] = {}  # stem -> the word's stem
        self.en_phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        self.stems: dict[str, str] = {}
        if vocabulary is not None:
            self._learn(vocabulary)

    def _learn(self, vocabulary: Vocabulary) -> None:
        for word in vocabulary.stopwords.all():
            word = _fold(word).strip()
            if is_chinese(word):
                if len(word) == 1:
                    self.zh_stop_drop.add(word)
                else:
                    self.zh_cuts.setdefault(word[0], []).append(word)
            elif word:
                self.en_stop.update(_RUNS.findall(word))
        for word in vocabulary.generic.all():
            word = _fold(word).strip()
            if is_chinese(word) and len(word) > 1:
                self.zh_generic.add(word)
                self.zh_cuts.setdefault(word[0], []).append(word)
        for group in self.zh_cuts.values():
            group.sort(key=len, reverse=True)
        english: list[tuple[list[str], list[str]]] = []
        for synonym in vocabulary.synonyms:
            word = _fold(synonym.word).strip()
            for wording in synonym.same:
                wording = _fold(wording).strip()
                if not wording or wording == word:
                    continue
                if is_chinese(wording):
                    if wording not in self.zh_words:
                        self.zh_words[wording] = word
                        self.zh_first.setdefault(wording[0], []).append(wording)
                else:
                    tokens = [w if w == WILDCARD else stem(w) for w in _words(wording)]
                    if tokens and WILDCARD not in (tokens[0], tokens[-1]):
                        english.append((tokens, [stem(w) for w in _RUNS.findall(word)]))
        for group in self.zh_first.values():
            group.sort(key=len, reverse=True)
        for tokens, target in english:  # one-word wordings first: phrases are read through them
            if len(tokens) == 1 and len(target) == 1:
                self.en_single.setdefault(tokens[0], target[0])
        for tokens, target in english:
            if len(tokens) > 1 or len(target) != 1:
                pattern = tuple(t if t == WILDCARD else self.en_single.get(t, t) for t in tokens)
                self.en_phrases.setdefault(pattern[0], []).append((pattern, tuple(target)))
        for phrases in self.en_phrases.values():
            phrases.sort(key=lambda p: len(p[0]), reverse=True)

    # ---- the pipeline

    def pieces(self, text: str) -> list[str]:
        """The text as English stems and Chinese runs (stopwords gone), in order."""
        text = self._zh_synonyms(_fold(text))
        out: list[str] = []
        phrase: list[str] = []
        end = 0
        for m in _RUNS.finditer(text):
            run = m.group()
            if run.isascii():
                if phrase and not set(text[end : m.start()]) <= _JOINS:
                    out += self._english(phrase)
                    phrase = []
                phrase.append(run)
            else:
                out += self._english(phrase)
                phrase = []
                out += self._chinese(run)
            end = m.end()
        out += self._english(phrase)
        return out

    def terms(self, text: str, *, query: bool = False) -> list[str]:
        """Index terms: English stems, Chinese bigrams (a lone character only in a query)."""
        return self.split(self.pieces(text), query=query)

    @staticmethod
    def split(pieces: list[str], *, query: bool = False) -> list[str]:
        """The terms of pieces: English stems as they are, Chinese runs as bigrams."""
        out: list[str] = []
        for piece in pieces:
            if piece.isascii():
                out.append(piece)
            elif len(piece) == 1:
                # In a document a lone character is mostly noise; in a query it is the query.
                if query:
                    out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
        return out

    def chars(self, text: str) -> list[str]:
        """The Chinese characters of ``text``, stopwords dropped (as written, no synonyms)."""
        folded = _fold(text)
        return [
            c
            for run in _RUNS.findall(folded)
            if not run.isascii()
            for p in self._chinese(run)
            for c in p
        ]

    def _zh_synonyms(self, text: str) -> str:
        """Each Chinese wording of the vocabulary, longest first, as its word."""
        if not self.zh_first or text.isascii():
            return text
        out: list[str] = []
        i, n = 0, len(text)
        first = self.zh_first
        while i < n:
            group = first.get(text[i])
            if group is not None:
                hit = next((w for w in group if text.startswith(w, i)), None)
                if hit is not None:
                    out.append(self.zh_words[hit])
                    i += len(hit)
                    continue
            out.append(text[i])
            i += 1
        return "".join(out)

    def _chinese(self, run: str) -> list[str]:
        """A Chinese run cut into pieces: multi-character stopwords cut it and go, generic
        words cut it and stay, one-character stopwords go and join their neighbours.

        Cutting at generic words is a small word segmentation: 接入备案期间 gives 接入, 备案
        and 期间, not the bigrams 入备 and 案期 that span two words and match by accident.
        """
        pieces: list[str] = []
        current: list[str] = []
        i, n = 0, len(run)
        while i < n:
            group = self.zh_cuts.get(run[i])
            hit = next((w for w in group if run.startswith(w, i)), None) if group else None
            if hit is not None:
                pieces.append("".join(current))
                current = []
                if hit in self.zh_generic:
                    pieces.append("\0" + hit)  # marked: a generic word, kept whole
                else:
                    pieces.append("")  # a stopword: a hard cut
                i += len(hit)
                continue
            if run[i] not in self.zh_stop_drop:
                current.append(run[i])
            i += 1
        pieces.append("".join(current))
        return self._join_lone(pieces)

    @staticmethod
    def _join_lone(pieces: list[str]) -> list[str]:
        """A lone character stays with the generic word beside it (未 + 备案 -> 未备案)."""
        out: list[str] = []
        for k, piece in enumerate(pieces):
            if piece.startswith("\0"):
                word = piece[1:]
                if out and len(out[-1]) == 1 and k > 0 and pieces[k - 1] == out[-1]:
                    word = out.pop() + word
                out.append(word)
            elif len(piece) == 1 and out and k > 0 and pieces[k - 1].startswith("\0"):
                out[-1] += piece
            elif piece:
                out.append(piece)
        return out

    def _english(self, words: list[str]) -> list[str]:
        """English words as stems: vocabulary words and phrases read, stopwords dropped."""
        if not words:
            return []
        tokens = [(w, self._stem(w)) for w in words]
        if self.en_phrases:
            tokens = self._phrases(tokens)
        return [s for raw, s in tokens if raw not in self.en_stop and len(raw) > 1 and s]

    def _stem(self, word: str) -> str:
        found = self.stems.get(word)
        if found is None:
            s = stem(word)
            found = self.stems[word] = self.en_single.get(s, s)
        return found

    def _phrases(self, tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        i, n = 0, len(tokens)
        while i < n:
            group = self.en_phrases.get(tokens[i][1])
            hit = None
            if group is not None:
                for pattern, target in group:
                    k = len(pattern)
                    if i + k <= n and all(
                        p == WILDCARD or p == tokens[i + j][1] for j, p in enumerate(pattern)
                    ):
                        hit = (k, target)
                        break
            if hit is None:
                out.append(tokens[i])
                i += 1
            else:
                out += [(t, t) for t in hit[1]]
                i += hit[0]
        return out


def _words(text: str) -> list[str]:
    """The words of an English wording, ``*`` kept as a word of its own."""
    return re.findall(r"\*|[a-z0-9]+", text)


def contains(seq: list[str], part: tuple[str, ...]) -> bool:
    """Whether ``part`` occurs in ``seq`` as a contiguous run."""
    n = len(part)
    return any(tuple(seq[i : i + n]) == part for i in range(len(seq) - n + 1))
