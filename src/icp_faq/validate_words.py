"""The checks of a tree's search words: its vocabulary, and (warnings) what every alias,
anchor and situation says once read as search reads it.

``validate.check`` turns each ``(code, position, message)`` found here into a finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .model import LANGS, Pos, one_line

if TYPE_CHECKING:
    from .model import Tree

Found = tuple[str, Pos, str]  # a finding's code, where it stands, and its message


def vocabulary(tree: Tree, warnings: bool = True) -> Iterator[Found]:
    """The vocabulary's words: present, in the right language, wildcards and synonyms sound;
    and (a warning) every alias and situation says something the vocabulary does not call
    generic, which means reading them all as search does."""
    from .search.text import MAX_WILDCARDS, WILDCARD, analyzer_for, chinese_chars, is_chinese

    voc = tree.vocabulary
    for key in ("stopwords", "generic"):
        words = getattr(voc, key)
        for lang in LANGS:
            for i, word in enumerate(words.get(lang), 1):
                where = f"vocabulary: {key}.{lang} {i}"
                if not word.strip():
                    yield ("empty-text", words.pos, f"{where} is empty")
                elif is_chinese(word) != (lang == "zh"):
                    yield (
                        "wrong-language",
                        words.pos,
                        f"{where} '{one_line(word)}' is listed under {lang}",
                    )
    read_as: dict[str, tuple[str, Pos]] = {}
    for s in voc.synonyms:
        ctx = f"vocabulary: synonym '{one_line(s.word)}'"
        if not s.word.strip():
            yield ("empty-text", s.pos, "vocabulary: a synonym's word is empty")
            continue
        for wording in s.same:
            shown = one_line(wording)
            if not wording.strip():
                yield ("empty-text", s.pos, f"{ctx}: a wording is empty")
                continue
            if is_chinese(wording) != is_chinese(s.word):
                yield ("wrong-language", s.pos, f"{ctx}: '{shown}' is in another language")
            words = wording.split()
            if WILDCARD in wording and (
                is_chinese(wording) or words[0] == WILDCARD or words[-1] == WILDCARD
            ):
                yield (
                    "bad-wildcard",
                    s.pos,
                    f"{ctx}: '{shown}': '*' may only stand between two words of an English phrase",
                )
            elif wording.count(WILDCARD) > MAX_WILDCARDS:
                yield (
                    "bad-wildcard",
                    s.pos,
                    f"{ctx}: '{shown}': a phrase may hold at most {MAX_WILDCARDS} '*'",
                )
            key = " ".join(wording.lower().split())
            if key in read_as and read_as[key][0] != s.word:
                other, at = read_as[key]
                yield (
                    "synonym-conflict",
                    s.pos,
                    f"{ctx}: '{shown}' is already read as '{one_line(other)}' (line {at.line})",
                )
            read_as.setdefault(key, (s.word, s.pos))
    for s in voc.synonyms:
        key = " ".join(s.word.lower().split())
        if key in read_as and read_as[key][0] != s.word:
            yield (
                "synonym-chain",
                s.pos,
                f"vocabulary: synonym '{one_line(s.word)}' is also a wording of"
                f" '{one_line(read_as[key][0])}'",
            )
    if not warnings:
        return
    analyzer = analyzer_for(voc)
    generic = {t for w in voc.generic.all() for t in analyzer.terms(w)}
    # A Chinese character that no word of the vocabulary holds is never cut, read as another
    # word or dropped: it stays in a term, and no generic term holds it. Only a text without
    # one need be read as search does (shipped tree: 291 of 888 texts skip it; validate
    # 711.5M -> 706.0M instructions).
    listed = (*voc.stopwords.all(), *voc.generic.all())
    listed += tuple(w for s in voc.synonyms for w in (s.word, *s.same))
    known = chinese_chars("\n".join(listed))  # no character joins one across a line end

    def says_nothing(text: str) -> bool:
        if chinese_chars(text) - known:
            return False
        return bool(text.strip()) and not set(analyzer.terms(text, query=True)) - generic

    items = [(f"topic '{t.id}'", t.pos, t.aliases, t.situations) for t in tree.topics]
    items += [(f"neighbour '{n.id}'", n.pos, n.aliases, ()) for n in tree.neighbours]
    for ctx, pos, aliases, situations in items:
        for lang in LANGS:
            for word in aliases.get(lang):
                if says_nothing(word):
                    yield ("generic-only", pos, f"{ctx}: alias '{one_line(word)}' is all generic")
        for i, situation in enumerate(situations, 1):
            for lang in LANGS:
                text = getattr(situation, lang) or ""
                if says_nothing(text):
                    yield (
                        "generic-only",
                        situation.pos_of(lang),
                        f"{ctx}: situation {i} ({lang}) is all stopwords and generic words",
                    )
    for t in tree.topics:  # an all-generic anchor is never held: it anchors nothing
        for word in t.anchors.all():
            if says_nothing(word):
                yield (
                    "generic-only",
                    t.anchors.pos,
                    f"topic '{t.id}': anchor '{one_line(word)}' is all generic",
                )
