"""The FAQ tree as plain, frozen dataclasses: no I/O, no parsing, no printing.

These classes are also the one description of the tree file's shape. A field made with
``field(metadata=doc(...))`` is a key of the file: its Python type says what the value is,
its ``kind`` refines a text (an ``id``, a ``ref`` to one, a ``url``), a default makes it
optional, and the doc says what it is for. The loader reads files by these fields,
``schema.py`` writes ``faq/schema.json`` from them, and ``pack.py`` stores a tree by them.
Fields named ``pos`` and ``*_pos`` hold where a value stood in the file, for messages.
"""

from __future__ import annotations

import unicodedata
from dataclasses import field
from typing import Any, Literal, NamedTuple

from .record import Record, record

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class Pos(NamedTuple):
    """A 1-based line and column in the tree file, for messages a content author can act on."""

    line: int = 0
    col: int = 0


NOWHERE = Pos()


def doc(text: str, *, kind: str = "", **extra: Any) -> dict[str, Any]:
    """The metadata that makes a dataclass field a key of the tree file.

    Use as ``field(metadata=doc(...))``; a ``default`` on the field makes the key optional.

    Args:
        text: what the key is for (the schema's description).
        kind: ``id``, ``ref``, ``ids``, ``url`` or ``""`` for text of no special form.
        extra: further schema keywords, such as ``min_items=1``.
    """
    return {"doc": text, "kind": kind, **extra}


def where() -> Any:
    """A position field: not a key, not compared, not shown."""
    return field(default=NOWHERE, compare=False, repr=False)


def safe_text(value: str) -> str:
    """``value`` fit to echo in a message: control and bidi characters shown as escapes."""
    return "".join(
        ch if _shown(ch) else ch.encode("unicode_escape").decode("ascii") for ch in value
    )


def one_line(value: str, limit: int = 60) -> str:
    """``value`` fit for a one-line message: escaped as ``safe_text``, long text cut."""
    text = safe_text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(ch: str) -> bool:
    """Whether ``ch`` may reach a terminal as it is (not a control or format character)."""
    return ch.isprintable() and unicodedata.category(ch) != "Cf"


def unsafe_char(text: str) -> int:
    """The index of the first character a tree text must not hold, or -1.

    Control characters other than newline and tab (ESC starts terminal escape sequences)
    and Unicode format characters (bidi overrides reorder what a reader sees).
    """
    if text.replace("\n", "").replace("\t", "").isprintable():
        return -1  # the usual case, checked at C speed: nothing a terminal would act on
    for i, ch in enumerate(text):
        if ch in "\n\t":
            continue
        if not _shown(ch) and ch != "\u200d":  # ZWJ joins emoji; it moves nothing
            return i
    return -1


@record
class Text(Record):
    """One piece of bilingual text; a language the file did not give is ``None``."""

    zh: str | None
    en: str | None
    pos: Pos = where()
    zh_pos: Pos = where()
    en_pos: Pos = where()

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, falling back to the other language, then to ``""``."""
        first, other = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        return first or other or ""

    def pos_of(self, lang: Lang) -> Pos:
        """Where the text in ``lang`` stands, or the mapping itself when it is missing."""
        p = self.zh_pos if lang == "zh" else self.en_pos
        return p if p != NOWHERE else self.pos


@record
class Words(Record):
    """Short texts per language, such as search aliases: ``{zh: [...], en: [...]}``."""

    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    pos: Pos = where()

    def get(self, lang: Lang) -> tuple[str, ...]:
        """The words in ``lang``."""
        return self.zh if lang == "zh" else self.en

    def all(self) -> tuple[str, ...]:
        """The words of both languages, Chinese first."""
        return (*self.zh, *self.en)


@record
class Link(Record):
    """A link shown to the user, never fetched."""

    title: Text = field(metadata=doc("What the link is called."))
    url: str = field(metadata=doc("An https:// address.", kind="url"))
    pos: Pos = where()
    url_pos: Pos = where()


@record
class Source(Record):
    """The seed section an answer comes from: its exact heading and anchor id."""

    title: str = field(metadata=doc("The section's heading, exactly as on the source page."))
    anchor: str = field(metadata=doc("The section's anchor id on the source page."))


@record
class Topic(Record):
    """One FAQ entry: a question people ask and its complete answer."""

    id: str = field(metadata=doc("The topic's id, used by explain and by outcomes.", kind="id"))
    title: Text = field(metadata=doc("The question, as people ask it."))
    answer: Text = field(
        metadata=doc(
            "The complete answer; '- ' starts a bullet, a blank line a paragraph, **bold**."
        )
    )
    points: tuple[Text, ...] = field(
        default=(), kw_only=True, metadata=doc("Key points: the answer in brief.")
    )
    links: tuple[Link, ...] = field(
        default=(), kw_only=True, metadata=doc("Links the answer refers to.")
    )
    related: tuple[str, ...] = field(
        default=(), kw_only=True, metadata=doc("Ids of related topics.", kind="ids")
    )
    aliases: Words = field(
        default=Words(),
        kw_only=True,
        metadata=doc("Other words people use for this topic (search)."),
    )
    situations: tuple[Text, ...] = field(
        default=(),
        kw_only=True,
        metadata=doc(
            "When this topic is the answer, as the user meets it: what they see, are told or"
            " are trying to do (search). True to the answer; no new facts."
        ),
    )
    anchors: Words = field(
        default=Words(),
        kw_only=True,
        metadata=doc(
            "Words that name what this topic is about (search): a query that holds none of"
            " them, as search reads it, is not answered by this topic. None: no such check."
        ),
    )
    source: Source = field(metadata=doc("The section of the source page this answer comes from."))
    pos: Pos = where()
    related_pos: Pos = where()


@record
class Choice(Record):
    """One answer to a question; ``next`` names a question or an outcome."""

    id: str = field(
        metadata=doc("The choice's id, as --answer QUESTION=CHOICE gives it.", kind="id")
    )
    label: Text = field(metadata=doc("The answer, as the user picks it."))
    next: str = field(
        metadata=doc("Id of the question or outcome this answer leads to.", kind="ref")
    )
    pos: Pos = where()
    next_pos: Pos = where()


@record
class Question(Record):
    """A node that asks the user about their situation."""

    id: str = field(metadata=doc("The question's id.", kind="id"))
    text: Text = field(metadata=doc("The question."))
    choices: tuple[Choice, ...] = field(metadata=doc("The answers to pick from.", min_items=1))
    help: Text | None = field(
        default=None, metadata=doc("A note shown with the question: terms explained.")
    )
    pos: Pos = where()

    kind: Literal["question"] = field(default="question", init=False)

    def choice(self, choice_id: str) -> Choice | None:
        """The choice with ``choice_id``, if any."""
        return next((c for c in self.choices if c.id == choice_id), None)


@record
class Outcome(Record):
    """A leaf: tailored guidance as ordered steps, drawing on some topics.

    ``covered`` is false for an honest exit: the FAQ does not answer the user's case, and
    the steps say so and point to where they can go (such an outcome may name no topics).
    """

    id: str = field(metadata=doc("The outcome's id.", kind="id"))
    title: Text = field(metadata=doc("What the user should do, in a few words."))
    steps: tuple[Text, ...] = field(metadata=doc("Ordered steps.", min_items=1))
    topics: tuple[str, ...] = field(
        metadata=doc(
            "Ids of the topics these steps draw on.",
            kind="ids",
            min_items=1,
            unless=("covered", False),
        )
    )
    links: tuple[Link, ...] = field(default=(), metadata=doc("Links for these steps."))
    covered: bool = field(
        default=True,
        metadata=doc(
            "false when the FAQ does not answer this case: the steps say so and point elsewhere,"
            " and topics may be empty.",
        ),
    )
    pos: Pos = where()
    topics_pos: Pos = where()

    kind: Literal["outcome"] = field(default="outcome", init=False)


Node = Question | Outcome


@record
class Neighbour(Record):
    """A subject next to the FAQ's that it does not answer: search names it and declines.

    People ask about it in the FAQ's words (a first filing, a domain transfer), so without it
    search would answer with the nearest topic instead of saying the FAQ does not cover it.
    """

    id: str = field(
        metadata=doc("The subject's id (not a topic: explain does not take it).", kind="id")
    )
    title: Text = field(metadata=doc("The subject, in a few words."))
    note: Text = field(
        metadata=doc(
            "One line: this FAQ does not cover the subject, and where to look instead"
            " (no facts the source does not give)."
        )
    )
    links: tuple[Link, ...] = field(default=(), metadata=doc("Where to look instead."))
    aliases: Words = field(
        default=Words(), metadata=doc("How people ask about the subject (search).")
    )
    pos: Pos = where()


@record
class Synonym(Record):
    """Wordings that search reads as one of the FAQ's own words, in topics and queries alike."""

    word: str = field(metadata=doc("The word the FAQ uses: 区别, owner."))
    same: tuple[str, ...] = field(
        metadata=doc(
            "Wordings read as 'word', in the same language: plain words or phrases; in an"
            " English phrase '*' stands for any one word (in * name).",
            kind="words",
            min_items=1,
        )
    )
    pos: Pos = where()


@record
class Vocabulary(Record):
    """The words search reads this tree's texts and its users' queries with.

    Without it search still works (Chinese bigrams, English stems, term rarity); with it, the
    tree brings its own stopwords, generic words and everyday wordings.
    """

    stopwords: Words = field(
        default=Words(),
        metadata=doc(
            "Words that say nothing about a topic: question words, particles, function words."
            " A one-character Chinese stopword is dropped and joins its neighbours; a longer"
            " one separates them, as a space does."
        ),
    )
    generic: Words = field(
        default=Words(),
        metadata=doc(
            "Words too general to show that a question is about one topic (备案, website):"
            " they rank, but a query that shares only these with a topic is not answered."
        ),
    )
    synonyms: tuple[Synonym, ...] = field(
        default=(), metadata=doc("Everyday wordings read as the FAQ's own words.")
    )
    pos: Pos = where()


@record
class Tree(Record):
    """A whole FAQ file: topics in source order, and the decision tree over them."""

    title: Text = field(metadata=doc("The FAQ's title."))
    start: str = field(metadata=doc("Id of the first question.", kind="ref"))
    topics: tuple[Topic, ...] = field(
        metadata=doc("The FAQ's entries, in the order of the source page.", min_items=1)
    )
    questions: tuple[Question, ...] = field(
        metadata=doc("The decision tree's questions.", min_items=1)
    )
    outcomes: tuple[Outcome, ...] = field(
        metadata=doc("The decision tree's outcomes.", min_items=1)
    )
    page: Text | None = field(
        default=None,
        kw_only=True,
        metadata=doc("The source page's name, cited with each topic's section."),
    )
    neighbours: tuple[Neighbour, ...] = field(
        default=(),
        kw_only=True,
        metadata=doc("Subjects next to the FAQ's that it does not answer (search declines them)."),
    )
    vocabulary: Vocabulary = field(
        default=Vocabulary(),
        kw_only=True,
        metadata=doc("The words search reads texts and queries with."),
    )
    path: str = field(default="", compare=False)
    start_pos: Pos = where()
    _topics: dict[str, Topic] = field(init=False, repr=False, compare=False)
    _nodes: dict[str, Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # First definition wins; duplicates are reported by the validator, not hidden here.
        topics: dict[str, Topic] = {}
        for t in self.topics:
            topics.setdefault(t.id, t)
        nodes: dict[str, Node] = {}
        for n in self.nodes:
            nodes.setdefault(n.id, n)
        object.__setattr__(self, "_topics", topics)
        object.__setattr__(self, "_nodes", nodes)

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with ``topic_id``, if any."""
        return self._topics.get(topic_id)

    def node(self, node_id: str) -> Node | None:
        """The question or outcome with ``node_id``, if any."""
        return self._nodes.get(node_id)

    def question(self, node_id: str) -> Question | None:
        """The question with ``node_id``, if any (``None`` for an outcome)."""
        n = self._nodes.get(node_id)
        return n if isinstance(n, Question) else None

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Questions, then outcomes, in file order."""
        return (*self.questions, *self.outcomes)

    def reachable(self, node_id: str) -> set[str]:
        """Ids of the node ``node_id`` and of every node after it (none if it does not exist)."""
        seen: set[str] = set()
        todo = [node_id] if node_id in self._nodes else []
        while todo:
            ident = todo.pop()
            if ident in seen:
                continue
            seen.add(ident)
            node = self._nodes.get(ident)
            if isinstance(node, Question):
                todo.extend(c.next for c in node.choices if c.next not in seen)
        return seen
