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
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .trie import MISS, Trie

if TYPE_CHECKING:
    from ..model import Vocabulary

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{CJK}]+|[a-z0-9]+")
_NOT = re.compile(r"(can|won|ca|wo)?n't\b")  # English contractions: don't -> do not
_JOINS = frozenset(" '-")  # between two English words, these keep them in one phrase
WILDCARD = "*"


_MEMO = 20_000  # texts whose pieces are remembered
MAX_WILDCARDS = 3  # '*' per phrase: a match follows at most 2**3 paths at once


def is_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (then it is matched as Chinese)."""
    return not text.isascii() and any(
        "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
        for ch in text
    )


def chinese_chars(text: str) -> set[str]:
    """The Chinese characters of ``text`` as it is read (after NFKC and lowercasing)."""
    return {
        ch
        for ch in set(_fold(text))
        if "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
    }


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
        self.zh_cuts = Trie()  # stopwords (value False) and generic words (True) cut a run
        self.zh_stop_drop: set[str] = set()
        self.en_stop: set[str] = set()
        self.zh_words = Trie()  # wording -> word
        self.en_single: dict[str, str] = {}  # stem -> the word's stem
        self.en_phrases = Trie()  # phrase of stems ('*': any one word) -> the word's stems
        self.stems: dict[str, str] = {}
        self._seen: dict[str, list[str]] = {}  # text -> its pieces (validate, then search)
        self._zh_firsts = self._cut_firsts = _one_of(())
        # Each language's words are learnt when a text first needs them: an English query
        # never pays for the Chinese ones, nor a Chinese one for the English phrases.
        self._vocabulary = vocabulary
        self._zh_ready = self._en_ready = self._phrases_ready = vocabulary is None

    def _learn_zh(self) -> None:
        self._zh_ready = True
        vocabulary = self._vocabulary
        assert vocabulary is not None
        for word in vocabulary.stopwords.zh:
            word = _fold(word).strip()
            if len(word) == 1:
                self.zh_stop_drop.add(word)
            elif word:
                self.zh_cuts.add(word, False)
        for word in vocabulary.generic.zh:
            word = _fold(word).strip()
            if len(word) > 1:
                self.zh_cuts.add(word, True)
        for synonym in vocabulary.synonyms:
            word = _fold(synonym.word).strip()
            for wording in synonym.same:
                wording = _fold(wording).strip()
                if wording and wording != word and not wording.isascii() and is_chinese(wording):
                    self.zh_words.add(wording, word)
        self._zh_firsts = _one_of(self.zh_words.root)
        self._cut_firsts = _one_of(set(self.zh_cuts.root) | self.zh_stop_drop)

    def _english_wordings(self, phrases: bool) -> Iterator[tuple[list[str], list[str]]]:
        """The vocabulary's English wordings of one word (or, with ``phrases``, of more),
        as (tokens, the word's stems); ``*`` stays a token."""
        vocabulary = self._vocabulary
        assert vocabulary is not None
        for synonym in vocabulary.synonyms:
            word = _fold(synonym.word).strip()
            for wording in synonym.same:
                wording = _fold(wording).strip()
                if not wording or wording == word or is_chinese(wording):
                    continue
                raw = _words(wording)
                if (len(raw) > 1) != phrases or WILDCARD in (raw[:1] + raw[-1:]):
                    continue
                if raw.count(WILDCARD) <= MAX_WILDCARDS:
                    tokens = [w if w == WILDCARD else stem(w) for w in raw]
                    yield tokens, [stem(w) for w in _RUNS.findall(word)]

    def _learn_en(self) -> None:
        """English stopwords and one-word wordings; phrases wait until a text has two
        English words in a row (the ICP or IP in a Chinese text never needs them)."""
        self._en_ready = True
        vocabulary = self._vocabulary
        assert vocabulary is not None
        for word in vocabulary.stopwords.en:
            self.en_stop.update(_RUNS.findall(_fold(word)))
        english = list(self._english_wordings(phrases=False))
        for tokens, target in english:  # one-word wordings first: phrases are read through them
            if len(target) == 1:
                self.en_single.setdefault(tokens[0], target[0])
        for tokens, target in english:
            if len(target) != 1:  # rename -> change name
                self.en_phrases.add([self.en_single.get(tokens[0], tokens[0])], tuple(target))

    def _learn_en_phrases(self) -> None:
        """English wordings of two words or more, read through the one-word ones."""
        self._phrases_ready = True
        for tokens, target in self._english_wordings(phrases=True):
            pattern = [t if t == WILDCARD else self.en_single.get(t, t) for t in tokens]
            self.en_phrases.add(pattern, tuple(target))

    # ---- the pipeline

    def pieces(self, text: str) -> list[str]:
        """The text as English stems and Chinese runs (stopwords gone), in order."""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) > _MEMO:
                self._seen.clear()
            found = self._seen[text] = self._pieces(text)
        return list(found)

    def _pieces(self, text: str) -> list[str]:
        if not self._zh_ready and not text.isascii():
            self._learn_zh()
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
        """The Chinese characters of ``text`` as written (no synonyms), stopwords dropped."""
        if text.isascii():
            return []
        if not self._zh_ready and not text.isascii():
            self._learn_zh()
        runs = _RUNS.findall(_fold(text))
        return [c for run in runs if not run.isascii() for p in self._chinese(run) for c in p]

    def _zh_synonyms(self, text: str) -> str:
        """Each Chinese wording of the vocabulary, longest first, as its word."""
        words = self.zh_words
        if not words or text.isascii():
            return text
        out: list[str] = []
        done = 0  # text[:done] is read
        for m in self._zh_firsts.finditer(text):  # only where a wording may start
            i = m.start()
            if i < done:
                continue
            size, word = words.longest(text, i)
            if size:
                out += (text[done:i], word)
                done = i + size
        out.append(text[done:])
        return "".join(out)

    def _chinese(self, run: str) -> list[str]:
        """A Chinese run cut into pieces: multi-character stopwords cut it and go, generic
        words cut it and stay, one-character stopwords go and join their neighbours.

        Cutting at generic words is a small word segmentation: 接入备案期间 gives 接入, 备案
        and 期间, not the bigrams 入备 and 案期 that span two words and match by accident.
        """
        pieces: list[str] = []
        current: list[str] = []
        cuts, drop = self.zh_cuts, self.zh_stop_drop
        done = 0  # run[:done] is read
        for m in self._cut_firsts.finditer(run):  # only where a cut or a particle may be
            i = m.start()
            if i < done:
                continue
            size, generic = cuts.longest(run, i)
            if size:
                current.append(run[done:i])
                pieces.append("".join(current))
                current = []
                # a generic word is kept whole (marked), a stopword is a hard cut
                pieces.append("\0" + run[i : i + size] if generic else "")
                done = i + size
            elif run[i] in drop:
                current.append(run[done:i])
                done = i + 1
        current.append(run[done:])
        pieces.append("".join(current))
        return self._join_lone(pieces)

    @staticmethod
    def _join_lone(pieces: list[str]) -> list[str]:
        """A lone character stays with the generic word beside it (未 + 备案 -> 未备案); between
        two, with the next one, which it most often qualifies (域名 未 备案 -> 域名, 未备案)."""
        out: list[str] = []
        last = len(pieces) - 1
        for k, piece in enumerate(pieces):
            if piece.startswith("\0"):
                word = piece[1:]
                if out and len(out[-1]) == 1 and k > 0 and pieces[k - 1] == out[-1]:
                    word = out.pop() + word
                out.append(word)
            elif (
                len(piece) == 1
                and out
                and k > 0
                and pieces[k - 1].startswith("\0")
                and not (k < last and pieces[k + 1].startswith("\0"))
            ):
                out[-1] += piece
            elif piece:
                out.append(piece)
        return out

    def _english(self, words: list[str]) -> list[str]:
        """English words as stems: vocabulary words and phrases read, stopwords dropped."""
        if not words:
            return []
        if not self._en_ready:
            self._learn_en()
        if len(words) > 1 and not self._phrases_ready:
            self._learn_en_phrases()
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
        stems = [s for _, s in tokens]
        i, n = 0, len(tokens)
        phrases = self.en_phrases
        while i < n:
            size, target = phrases.longest(stems, i, WILDCARD) if phrases.starts(stems[i]) else MISS
            if size:
                out += [(t, t) for t in target]
                i += size
            else:
                out.append(tokens[i])
                i += 1
        return out


def _one_of(chars: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any one of ``chars`` (a character class: linear, whatever they are)."""
    body = "".join(sorted({re.escape(c) for c in chars if len(c) == 1}))
    return re.compile(f"[{body}]" if body else "(?!)")


_ANALYZERS: list[tuple[Vocabulary, Analyzer]] = []


def analyzer_for(vocabulary: Vocabulary) -> Analyzer:
    """The analyzer of ``vocabulary``, built once per vocabulary object (validate and search
    read the same tree in one run)."""
    if _ANALYZERS and _ANALYZERS[0][0] is vocabulary:
        return _ANALYZERS[0][1]
    analyzer = Analyzer(vocabulary)
    _ANALYZERS[:] = [(vocabulary, analyzer)]
    return analyzer


def _words(text: str) -> list[str]:
    """The words of an English wording, ``*`` kept as a word of its own."""
    return re.findall(r"\*|[a-z0-9]+", text)


def contains(seq: list[str], part: tuple[str, ...]) -> bool:
    """Whether ``part`` occurs in ``seq`` as a contiguous run."""
    n = len(part)
    return any(tuple(seq[i : i + n]) == part for i in range(len(seq) - n + 1))
