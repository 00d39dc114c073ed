"""Deciding: whether a ranked query is answered by the FAQ, or declined and why.

``Index.rank`` (``index.py``) scores every topic and every neighbour (a subject the FAQ does
not answer); ``decide`` then reads the ranking:

* a neighbour that explains a specific word of the query and scores at least ``NEAR_MARGIN``
  of the best topic's score wins: the query is about that subject, outside the FAQ;
* so does the best-scoring neighbour one of whose aliases the query contains (all its words,
  in any order) when such aliases name at least ``MIN_BEYOND`` of the query's words with
  words no topic uses at all (香港, 幕布, "how long"): the query names something the FAQ
  never speaks of;
* otherwise the best topic must *explain* at least ``MIN_COVERAGE`` of the query's words,
  from what the topic is about (title, aliases, situations, key points; not the incidental
  words of its answer). Generic words (备案, website) explain nothing, so a query that shares
  only those with a topic is declined; a word no document knows counts against every topic.

A declined query still gets the closest topics, as "perhaps".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Neighbour, Topic

RELATIVE_FLOOR = 0.2  # topics scoring below this share of the best are stray matches
# The decision (measured on tests/data/search_real_tuning.yaml; see docs/commands.md).
MIN_COVERAGE = 0.3  # the share of the query's specific words the answering topic explains
NEAR_MARGIN = 0.9  # a neighbour scoring this share of the best topic's score wins
MIN_BEYOND = 0.1  # ... or naming this share of the query with words no topic uses (CV)
LONG = 60  # characters: in a text this long, a phrase of the topic's own is coverage enough


class Hit:
    """One ranked document: its score, and how much of the query it explains.

    (Plain classes with slots, not dataclasses: creating those costs start-up time.)
    """

    __slots__ = ("anchored", "beyond", "coverage", "item", "phrase", "quoted", "score", "topic")

    def __init__(
        self,
        item: Topic | Neighbour,
        score: float,
        coverage: float,
        topic: bool = True,
        phrase: bool = False,
        beyond: float = 0.0,
        quoted: bool = False,
        anchored: bool = True,
    ) -> None:
        self.item = item
        self.score = score
        self.coverage = coverage  # the share of the query's specific words it explains
        self.topic = topic  # a topic, not a neighbour
        self.phrase = phrase  # one of its phrases of two words or more stands in the query
        # A neighbour one of whose aliases stands in the query: the share of the query's
        # words that such aliases (of any neighbour) name with words no topic uses.
        self.beyond = beyond
        self.quoted = quoted  # words its situations quote stand in the query
        self.anchored = anchored  # the query holds one of its anchors, or it has none

    def __repr__(self) -> str:
        return f"Hit({self.item.id!r}, score={self.score:.3f}, coverage={self.coverage:.2f})"


class Answer:
    """What search makes of a query: confident topics, or a reasoned decline."""

    __slots__ = ("hits", "neighbour", "perhaps", "reason")

    def __init__(
        self,
        hits: list[Hit] | None = None,
        perhaps: list[Hit] | None = None,
        neighbour: Neighbour | None = None,
        reason: str = "ok",
    ) -> None:
        self.hits = hits or []  # confident topics, best first
        self.perhaps = perhaps or []  # the closest topics, when declined
        self.neighbour = neighbour  # the outside subject the query is about, if any
        self.reason = reason  # ok | outside | weak | generic | nothing

    @property
    def covered(self) -> bool:
        """Whether the FAQ answers the query (``search`` exits 0)."""
        return bool(self.hits)


def decide(ranked: list[Hit], query: str, limit: int | None = None) -> Answer:
    """Decide whether the FAQ answers ``query``, ranked as ``ranked`` (see the module's doc).

    Declined answers say why: ``outside`` (a neighbour won), ``generic`` (no topic
    explains any specific word of the query), ``weak`` (the best topic explains too
    little of it), ``nothing`` (no document matches at all).
    """
    if not ranked:
        return Answer(reason="nothing")
    topics = [h for h in ranked if h.topic]
    if topics:
        topics = [h for h in topics if h.score >= RELATIVE_FLOOR * topics[0].score]
    if len(query) >= LONG:
        # A long pasted text (a block page) is mostly incidental words: the topic whose
        # quoted words (what the user sees, verbatim) stand in it comes first.
        topics.sort(key=lambda h: not h.quoted)
    cut = topics if limit is None else topics[:limit]
    best = topics[0] if topics else None
    # A neighbour wins by naming a specific word of the query: generic words alone
    # (备案) make a question too general, not a question about a neighbour.
    near = next((h for h in ranked if not h.topic and h.coverage > 0), None)
    # Once declined, a topic is "perhaps related" only if it explains a specific word
    # of the query (护照怎么办理 shares nothing with skip-access but 办理). A question
    # too general to place keeps them all: they are where to start reading.
    related = [h for h in cut if h.coverage > 0]
    if near is not None and (best is None or near.score >= NEAR_MARGIN * best.score):
        return Answer(perhaps=related, neighbour=near.item, reason="outside")  # type: ignore[arg-type]
    # A neighbour wins, too, when the query names it with words the FAQ never uses;
    # unless a topic is named by the words its situations quote (a block page that
    # lists several causes, one of them the FAQ's).
    beyond = next((h for h in ranked if h.beyond > 0), None)
    quoted = best is not None and best.quoted
    if beyond is not None and beyond.beyond >= MIN_BEYOND and not quoted:
        return Answer(perhaps=related, neighbour=beyond.item, reason="outside")  # type: ignore[arg-type]
    # A long text is mostly incidental words: there, a phrase of the topic's own found
    # as it stands is enough.
    long_phrase = best is not None and best.phrase and len(query) >= LONG
    if best is None or (best.coverage < MIN_COVERAGE and not long_phrase):
        if best is None or best.coverage == 0:
            return Answer(perhaps=cut, reason="generic")
        return Answer(perhaps=related, reason="weak")
    # The best topic answers only a query that names what it is about (its anchors): one
    # that shares incidental words with it (网站名称 with update-after-access) is about
    # something else.
    if not best.anchored:
        return Answer(perhaps=related, reason="weak")
    return Answer(hits=cut)
