"""The FAQ tree as plain, frozen dataclasses: no I/O, no parsing, no printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class Pos(NamedTuple):
    """A 1-based line and column in the tree file, for messages a content author can act on.

    A named tuple rather than a dataclass: the loader makes one per YAML value (about 50 per
    tree node), and a tuple is several times cheaper to create than a frozen dataclass.
    """

    line: int = 0
    col: int = 0


NOWHERE = Pos()


def one_line(value: str, limit: int = 60) -> str:
    """``value`` fit for a one-line message: control characters escaped, long text cut."""
    text = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in value
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Text:
    """One piece of bilingual text; a language the file did not give is ``None``."""

    zh: str | None
    en: str | None
    pos: Pos = field(default=NOWHERE, compare=False, repr=False)
    zh_pos: Pos = field(default=NOWHERE, compare=False, repr=False)
    en_pos: Pos = field(default=NOWHERE, compare=False, repr=False)

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, falling back to the other language, then to ``""``."""
        first, other = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        return first or other or ""

    def pos_of(self, lang: Lang) -> Pos:
        """Where the text in ``lang`` stands, or the mapping itself when it is missing."""
        p = self.zh_pos if lang == "zh" else self.en_pos
        return p if p != NOWHERE else self.pos


@dataclass(frozen=True)
class Link:
    """A link shown to the user, never fetched."""

    title: Text
    url: str
    pos: Pos = field(default=NOWHERE, compare=False, repr=False)
    url_pos: Pos = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Source:
    """The seed section an answer comes from: its exact heading and anchor id."""

    title: str
    anchor: str


@dataclass(frozen=True)
class Topic:
    """One FAQ entry: a question people ask and its complete answer."""

    id: str
    title: Text
    answer: Text
    points: tuple[Text, ...]
    links: tuple[Link, ...]
    related: tuple[str, ...]
    aliases: dict[Lang, tuple[str, ...]]
    source: Source
    pos: Pos = field(default=NOWHERE, compare=False, repr=False)
    related_pos: Pos = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Choice:
    """One answer to a question; ``next`` names a question or an outcome."""

    id: str
    label: Text
    next: str
    pos: Pos = field(default=NOWHERE, compare=False, repr=False)
    next_pos: Pos = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Question:
    """A node that asks the user about their situation."""

    id: str
    text: Text
    choices: tuple[Choice, ...]
    help: Text | None = None
    pos: Pos = field(default=NOWHERE, compare=False, repr=False)

    kind: Literal["question"] = field(default="question", init=False)

    def choice(self, choice_id: str) -> Choice | None:
        """The choice with ``choice_id``, if any."""
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Outcome:
    """A leaf: tailored guidance as ordered steps, drawing on some topics.

    ``covered`` is false for an honest exit: the FAQ does not answer the user's case, and
    the steps say so and point to where they can go (such an outcome may name no topics).
    """

    id: str
    title: Text
    steps: tuple[Text, ...]
    topics: tuple[str, ...]
    links: tuple[Link, ...]
    covered: bool = True
    pos: Pos = field(default=NOWHERE, compare=False, repr=False)
    topics_pos: Pos = field(default=NOWHERE, compare=False, repr=False)

    kind: Literal["outcome"] = field(default="outcome", init=False)


Node = Question | Outcome


@dataclass(frozen=True)
class Tree:
    """A whole FAQ file: topics in source order, and the decision tree over them."""

    title: Text
    start: str
    topics: tuple[Topic, ...]
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    path: str = ""
    start_pos: Pos = field(default=NOWHERE, compare=False, repr=False)
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
        items: list[Node] = [*self.questions]
        items.extend(self.outcomes)
        return tuple(items)

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Topic ids in file order."""
        return tuple(self._topics)
