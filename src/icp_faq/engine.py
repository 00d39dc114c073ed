"""The decision-tree walker: pure functions over a ``Tree`` and answers, no I/O, no prompts.

A ``Walk`` is the state of a guided session: the answers given on the current path, in order,
plus what the user answered before (to preselect it after *back* or *change*) and answers
waiting to be replayed (after *change an answer*, the later answers that still apply).
``resolve`` does the same walk in one go for scripts. Every walk is a loop, never a
recursion, so a chain of thousands of questions is no problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .errors import AnswerError, ExitCode, IcpFaqError
from .model import Choice, Outcome, Question, Tree, one_line

__all__ = ["AnswerError", "Missing", "Result", "Step", "TreeWalkError", "Walk", "resolve"]


class TreeWalkError(IcpFaqError):
    """The tree cannot be walked (a dangling ``next`` or a cycle); the validator says more.

    Trees are validated when they are opened, so this only happens to an unchecked tree.
    """

    exit_code = ExitCode.INVALID_TREE


@dataclass(frozen=True)
class Step:
    """One answered question on the path."""

    question: Question
    choice: Choice


@dataclass(frozen=True)
class Result:
    """The walk reached an outcome; ``ignored`` names answers to questions off the path."""

    outcome: Outcome
    steps: tuple[Step, ...]
    ignored: tuple[str, ...] = ()

    def as_mapping(self) -> dict[str, str]:
        """The answers on the path as question id → choice id (an answers file)."""
        return {s.question.id: s.choice.id for s in self.steps}


@dataclass(frozen=True)
class Missing:
    """The walk stopped at ``question``, which has no answer."""

    question: Question
    steps: tuple[Step, ...]
    ignored: tuple[str, ...] = ()


# --------------------------------------------------------------------------- answers


def match_choice(question: Question, given: str) -> Choice | None:
    """The choice ``given`` names: its id, or its zh or en label, case-insensitively."""
    exact = question.choice(given)
    if exact is not None:
        return exact
    wanted = given.strip().casefold()
    for c in question.choices:
        if wanted in {
            c.id.casefold(),
            *(v.strip().casefold() for v in (c.label.zh, c.label.en) if v),
        }:
            return c
    return None


def normalize(tree: Tree, given: Mapping[str, str]) -> dict[str, str]:
    """Map question ids to choice ids, accepting labels; unknown ids raise ``AnswerError``."""
    out: dict[str, str] = {}
    for qid, value in given.items():
        question = tree.question(qid.strip())
        if question is None:
            valid = ", ".join(q.id for q in tree.questions)
            raise AnswerError(
                f"unknown question '{one_line(qid)}'; valid questions: {valid}",
                f"没有问题 '{one_line(qid)}'；可用的问题：{valid}",
            )
        choice = match_choice(question, value)
        if choice is None:
            valid = ", ".join(c.id for c in question.choices)
            raise AnswerError(
                f"unknown choice '{one_line(value)}' for question '{question.id}';"
                f" valid choices: {valid}",
                f"问题 '{question.id}' 没有选项 '{one_line(value)}'；可用的选项：{valid}",
            )
        out[question.id] = choice.id
    return out


def _next(tree: Tree, choice: Choice) -> Question | Outcome:
    node = tree.node(choice.next)
    if node is None:
        raise TreeWalkError(f"choice '{choice.id}' leads to unknown node '{choice.next}'")
    return node


def _start(tree: Tree) -> Question | Outcome:
    node = tree.node(tree.start)
    if node is None:
        raise TreeWalkError(f"start node '{tree.start}' does not exist")
    return node


def resolve(tree: Tree, given: Mapping[str, str]) -> Result | Missing:
    """Walk from the start with ``given`` answers (ids or labels) to an outcome or a gap.

    Raises ``AnswerError`` for unknown question or choice ids, ``TreeWalkError`` for a
    tree whose path loops or dangles.
    """
    answers = normalize(tree, given)
    steps: list[Step] = []
    node = _start(tree)
    while isinstance(node, Question):
        if any(s.question.id == node.id for s in steps):
            raise TreeWalkError(f"question '{node.id}' is reached twice: the tree has a cycle")
        cid = answers.get(node.id)
        if cid is None:
            # Answers to questions still ahead may yet be used; only the rest is ignored.
            keep = {s.question.id for s in steps} | tree.reachable(node.id)
            return Missing(node, tuple(steps), _ignored(answers, keep))
        choice = node.choice(cid)
        assert choice is not None  # normalize() checked it
        steps.append(Step(node, choice))
        node = _next(tree, choice)
    return Result(node, tuple(steps), _ignored(answers, {s.question.id for s in steps}))


def _ignored(answers: Mapping[str, str], on_path: set[str]) -> tuple[str, ...]:
    return tuple(q for q in answers if q not in on_path)


# --------------------------------------------------------------------------- the walk


@dataclass(frozen=True)
class Walk:
    """An interactive session's state; every method returns a new ``Walk``.

    ``answers`` are the (question id, choice id) pairs on the current path, in order.
    ``memory`` holds the latest answer ever given to each question (for preselection);
    ``pending`` holds answers to replay automatically when their question comes up.
    """

    tree: Tree
    answers: tuple[tuple[str, str], ...] = ()
    memory: tuple[tuple[str, str], ...] = ()
    pending: tuple[tuple[str, str], ...] = ()
    # Longest remaining path per question: computed once per session, carried by replace().
    depth: Mapping[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)
    _steps: tuple[Step, ...] = field(default=(), init=False, repr=False, compare=False)
    _node: Question | Outcome | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        steps: list[Step] = []
        node = _start(self.tree)
        for qid, cid in self.answers:
            if not isinstance(node, Question) or node.id != qid:
                raise AnswerError(f"answer to '{qid}' is not on the path")
            choice = node.choice(cid)
            if choice is None:
                raise AnswerError(f"unknown choice '{cid}' for question '{qid}'")
            steps.append(Step(node, choice))
            node = _next(self.tree, choice)
        object.__setattr__(self, "_steps", tuple(steps))
        object.__setattr__(self, "_node", node)

    @classmethod
    def begin(cls, tree: Tree, given: Mapping[str, str] | None = None) -> Walk:
        """A new walk; ``given`` answers (ids or labels) are applied as far as they reach."""
        answers = normalize(tree, given or {})
        return cls(tree, pending=tuple(answers.items()), depth=depths(tree))._advance()

    # ---- reading

    @property
    def node(self) -> Question | Outcome:
        """Where the walk stands: the next question, or the outcome."""
        assert self._node is not None
        return self._node

    @property
    def question(self) -> Question | None:
        """The question to answer now, or ``None`` at an outcome."""
        return self._node if isinstance(self._node, Question) else None

    @property
    def outcome(self) -> Outcome | None:
        """The outcome reached, or ``None`` while questions remain."""
        return self._node if isinstance(self._node, Outcome) else None

    @property
    def steps(self) -> tuple[Step, ...]:
        """The answered questions on the path, in order."""
        return self._steps

    @property
    def number(self) -> int:
        """The 1-based step number of the current question."""
        return len(self.answers) + 1

    @property
    def total(self) -> int:
        """The most questions this path can have, counting those answered."""
        return len(self.answers) + self._remaining()[1]

    @property
    def total_is_exact(self) -> bool:
        """Whether every way on from here asks the same number of questions."""
        fewest, most = self._remaining()
        return fewest == most

    def _remaining(self) -> tuple[int, int]:
        if self.question is None:
            return (0, 0)
        depth = self.depth or depths(self.tree)
        return depth.get(self.question.id, (1, 1))

    def remembered(self, question_id: str) -> str | None:
        """The choice id given earlier to ``question_id`` (for preselection), if any."""
        return dict(self.memory).get(question_id)

    def result(self) -> Result:
        """The outcome and the path to it; only valid at an outcome."""
        if self.outcome is None:
            raise ValueError("the walk has not reached an outcome")
        return Result(self.outcome, self.steps)

    def as_mapping(self) -> dict[str, str]:
        """The answers on the path as question id → choice id (an answers file)."""
        return dict(self.answers)

    # ---- moving

    def answer(self, choice_id: str) -> Walk:
        """Answer the current question, then replay pending answers that now apply."""
        q = self.question
        if q is None:
            raise ValueError("the walk is at an outcome; there is nothing to answer")
        choice = match_choice(q, choice_id)
        if choice is None:
            valid = ", ".join(c.id for c in q.choices)
            raise AnswerError(
                f"unknown choice '{one_line(choice_id)}' for question '{q.id}'; valid: {valid}"
            )
        pending = tuple(p for p in self.pending if p[0] != q.id)
        return replace(
            self,
            answers=(*self.answers, (q.id, choice.id)),
            memory=_remember(self.memory, q.id, choice.id),
            pending=pending,
        )._advance()

    def back(self) -> Walk:
        """Return to the previous question; its earlier answer stays remembered."""
        if not self.answers:
            return self
        return replace(self, answers=self.answers[:-1], pending=())

    def restart(self) -> Walk:
        """Start over from the first question with nothing remembered."""
        return Walk(self.tree, depth=self.depth)

    def change(self, question_id: str) -> Walk:
        """Resume at an answered question; later answers are replayed where they still apply."""
        ids = [q for q, _ in self.answers]
        if question_id not in ids:
            raise AnswerError(
                f"'{question_id}' is not one of your answers; answered: {', '.join(ids) or 'none'}"
            )
        i = ids.index(question_id)
        return replace(self, answers=self.answers[:i], pending=self.answers[i + 1 :])

    def _advance(self) -> Walk:
        walk = self
        while walk.question is not None:
            wanted = dict(walk.pending).get(walk.question.id)
            if wanted is None:
                break
            walk = walk.answer(wanted)
        if walk.outcome is not None and walk.pending:
            walk = replace(walk, pending=())
        return walk


def _remember(
    memory: tuple[tuple[str, str], ...], qid: str, cid: str
) -> tuple[tuple[str, str], ...]:
    return (*((q, c) for q, c in memory if q != qid), (qid, cid))


def depths(tree: Tree) -> dict[str, tuple[int, int]]:
    """For every question, the fewest and the most questions on a path from it to an outcome.

    One pass over the graph, iteratively (a tree can be a lattice with exponentially many
    paths, or a chain thousands deep); an edge back into the current path counts as 0.
    """
    memo: dict[str, tuple[int, int]] = {}
    for root in tree.questions:
        if root.id in memo:
            continue
        on_path = {root.id}
        stack: list[tuple[Question, int]] = [(root, 0)]
        while stack:
            q, i = stack[-1]
            if i < len(q.choices):
                stack[-1] = (q, i + 1)
                nxt = tree.question(q.choices[i].next)
                if nxt is not None and nxt.id not in memo and nxt.id not in on_path:
                    on_path.add(nxt.id)
                    stack.append((nxt, 0))
                continue
            stack.pop()
            on_path.discard(q.id)
            after = [memo.get(c.next, (0, 0)) for c in q.choices] or [(0, 0)]
            memo[q.id] = (1 + min(a for a, _ in after), 1 + max(b for _, b in after))
    return memo
