"""The pure walker: every path, resolve() for scripts, and back / change / start over."""

from __future__ import annotations

import pytest

from icp_faq.engine import (
    AnswerError,
    Missing,
    Result,
    TreeWalkError,
    Walk,
    normalize,
    resolve,
)
from icp_faq.loader import build_tree, parse_text
from icp_faq.model import Outcome, Question, Tree
from support import paths

# The shipped tree's paths, answers → outcome, in file order. Written out so that a change
# to the tree shows up here (and in docs/session.md) on purpose, not by accident.
EXPECTED_PATHS = [
    (
        "goal=move-hosting provider-change=other-provider domain-owner=match change-info=no",
        "transfer",
    ),
    (
        "goal=move-hosting provider-change=other-provider domain-owner=match change-info=yes",
        "transfer-with-changes",
    ),
    (
        "goal=move-hosting provider-change=other-provider domain-owner=mismatch-aliyun",
        "owner-mismatch-aliyun",
    ),
    (
        "goal=move-hosting provider-change=other-provider domain-owner=mismatch-other",
        "owner-mismatch-other",
    ),
    ("goal=move-hosting provider-change=keep-elsewhere", "transfer-required"),
    ("goal=move-hosting provider-change=already-alibaba", "add-website"),
    ("goal=add-website new-site=new", "add-website"),
    ("goal=add-website new-site=filed-elsewhere domain-owner=match change-info=no", "transfer"),
    (
        "goal=add-website new-site=filed-elsewhere domain-owner=match change-info=yes",
        "transfer-with-changes",
    ),
    (
        "goal=add-website new-site=filed-elsewhere domain-owner=mismatch-aliyun",
        "owner-mismatch-aliyun",
    ),
    (
        "goal=add-website new-site=filed-elsewhere domain-owner=mismatch-other",
        "owner-mismatch-other",
    ),
    ("goal=review review-status=pending", "review-pending"),
    ("goal=review review-status=rejected", "review-rejected"),
    ("goal=review review-status=approved", "review-approved"),
    ("goal=notice info-changed=changed", "update-required"),
    ("goal=notice info-changed=unchanged", "notice-verify"),
    ("goal=leave keep-number=keep", "cancel-transfer"),
    ("goal=leave keep-number=delete", "deregister"),
    ("goal=leave keep-number=unsure", "compare-leave"),
]


def _line(answers: tuple[tuple[str, str], ...]) -> str:
    return " ".join(f"{q}={c}" for q, c in answers)


def test_every_path_from_the_start_ends_in_an_outcome(shipped_tree: Tree) -> None:
    found = paths(shipped_tree)
    assert [(_line(p.answers), p.outcome.id) for p in found] == EXPECTED_PATHS
    for p in found:
        assert isinstance(p.outcome, Outcome)
        assert p.answers[0][0] == shipped_tree.start


def test_paths_reach_every_outcome_and_all_eight_topics(shipped_tree: Tree) -> None:
    found = paths(shipped_tree)
    assert {p.outcome.id for p in found} == {o.id for o in shipped_tree.outcomes}
    reached = {t for p in found for t in p.outcome.topics}
    assert reached == {t.id for t in shipped_tree.topics}
    assert len(reached) == 8


def test_every_path_resolves_and_walks_to_its_outcome(shipped_tree: Tree) -> None:
    for p in paths(shipped_tree):
        res = resolve(shipped_tree, dict(p.answers))
        assert isinstance(res, Result)
        assert res.outcome.id == p.outcome.id
        assert res.ignored == ()
        walk = Walk.begin(shipped_tree)
        for i, (qid, cid) in enumerate(p.answers, start=1):
            assert walk.question is not None and walk.question.id == qid
            assert walk.number == i
            assert i <= walk.total <= 4
            walk = walk.answer(cid)
        assert walk.outcome == p.outcome
        assert walk.result().steps == res.steps


def test_resolve_reports_the_first_missing_question(shipped_tree: Tree) -> None:
    res = resolve(shipped_tree, {"goal": "move-hosting"})
    assert isinstance(res, Missing)
    assert res.question.id == "provider-change"
    assert [s.choice.id for s in res.steps] == ["move-hosting"]
    ahead = resolve(
        shipped_tree, {"goal": "add-website", "change-info": "no", "keep-number": "keep"}
    )
    # change-info may still come (after new-site); keep-number cannot any more.
    assert isinstance(ahead, Missing) and ahead.question.id == "new-site"
    assert ahead.ignored == ("keep-number",)
    empty = resolve(shipped_tree, {})
    assert isinstance(empty, Missing) and empty.question.id == "goal"


def test_resolve_lists_off_path_answers(shipped_tree: Tree) -> None:
    res = resolve(
        shipped_tree, {"goal": "leave", "keep-number": "keep", "review-status": "approved"}
    )
    assert isinstance(res, Result)
    assert res.outcome.id == "cancel-transfer"
    assert res.ignored == ("review-status",)


def test_labels_are_accepted_in_either_language_case_insensitively(shipped_tree: Tree) -> None:
    got = normalize(
        shipped_tree,
        {
            "goal": "  stop using alibaba cloud, or remove the filing ",
            "keep-number": "删除备案信息",
        },
    )
    assert got == {"goal": "leave", "keep-number": "delete"}
    assert normalize(shipped_tree, {"review-status": "REJECTED"}) == {"review-status": "rejected"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"nope": "x"}, "unknown question 'nope'; valid questions: goal, provider-change"),
        ({"goal": "x"}, "unknown choice 'x' for question 'goal'; valid choices: move-hosting,"),
    ],
)
def test_unknown_ids_name_the_valid_ones(
    shipped_tree: Tree, given: dict[str, str], expected: str
) -> None:
    with pytest.raises(AnswerError) as info:
        resolve(shipped_tree, given)
    assert str(info.value).startswith(expected)


def test_back_returns_to_the_previous_question_with_its_answer_remembered(
    shipped_tree: Tree,
) -> None:
    walk = Walk.begin(shipped_tree).answer("move-hosting").answer("other-provider")
    assert walk.question is not None and walk.question.id == "domain-owner"
    back = walk.back()
    assert back.question is not None and back.question.id == "provider-change"
    assert back.remembered("provider-change") == "other-provider"
    assert back.answers == (("goal", "move-hosting"),)
    again = back.back()
    assert again.question is not None and again.question.id == "goal"
    assert again.remembered("goal") == "move-hosting"
    assert again.back() == again  # nothing before the first question
    # Answering differently after back gives a consistent new path.
    other = back.answer("keep-elsewhere")
    assert other.outcome is not None and other.outcome.id == "transfer-required"
    assert [s.question.id for s in other.steps] == ["goal", "provider-change"]


def test_back_from_an_outcome_reopens_the_last_question(shipped_tree: Tree) -> None:
    walk = Walk.begin(shipped_tree, {"goal": "review", "review-status": "approved"})
    assert walk.outcome is not None and walk.outcome.id == "review-approved"
    back = walk.back()
    assert back.question is not None and back.question.id == "review-status"
    assert back.remembered("review-status") == "approved"


def test_change_keeps_later_answers_that_still_apply(shipped_tree: Tree) -> None:
    walk = Walk.begin(
        shipped_tree,
        {
            "goal": "move-hosting",
            "provider-change": "other-provider",
            "domain-owner": "match",
            "change-info": "yes",
        },
    )
    assert walk.outcome is not None and walk.outcome.id == "transfer-with-changes"
    changed = walk.change("goal")
    assert changed.question is not None and changed.question.id == "goal"
    assert changed.answers == ()
    assert changed.remembered("goal") == "move-hosting"
    # A new route: new-site is asked, then domain-owner and change-info are replayed.
    step = changed.answer("add-website")
    assert step.question is not None and step.question.id == "new-site"
    done = step.answer("filed-elsewhere")
    assert done.outcome is not None and done.outcome.id == "transfer-with-changes"
    assert done.as_mapping() == {
        "goal": "add-website",
        "new-site": "filed-elsewhere",
        "domain-owner": "match",
        "change-info": "yes",
    }
    assert done.pending == ()


def test_change_a_middle_answer_replays_the_rest_or_asks_anew(shipped_tree: Tree) -> None:
    walk = Walk.begin(
        shipped_tree,
        {
            "goal": "move-hosting",
            "provider-change": "other-provider",
            "domain-owner": "match",
            "change-info": "no",
        },
    )
    same = walk.change("domain-owner").answer("match")
    assert same.outcome is not None and same.outcome.id == "transfer"
    assert same.answers == walk.answers
    other = walk.change("domain-owner").answer("mismatch-other")
    assert other.outcome is not None and other.outcome.id == "owner-mismatch-other"
    assert "change-info" not in other.as_mapping()
    with pytest.raises(AnswerError, match="not one of your answers"):
        walk.change("review-status")


def test_restart_forgets_everything(shipped_tree: Tree) -> None:
    walk = Walk.begin(shipped_tree, {"goal": "notice"})
    fresh = walk.restart()
    assert fresh.question is not None and fresh.question.id == "goal"
    assert fresh.answers == () and fresh.memory == () and fresh.pending == ()


def test_begin_applies_given_answers_as_far_as_they_reach(shipped_tree: Tree) -> None:
    walk = Walk.begin(shipped_tree, {"goal": "move-hosting", "change-info": "no"})
    assert walk.question is not None and walk.question.id == "provider-change"
    walk = walk.answer("other-provider").answer("match")
    # change-info was given up front and is replayed when it comes up.
    assert walk.outcome is not None and walk.outcome.id == "transfer"


def test_answering_at_an_outcome_or_with_a_bad_choice_is_refused(shipped_tree: Tree) -> None:
    walk = Walk.begin(shipped_tree)
    with pytest.raises(AnswerError, match="valid: move-hosting"):
        walk.answer("nope")
    done = Walk.begin(shipped_tree, {"goal": "leave", "keep-number": "delete"})
    with pytest.raises(ValueError, match="outcome"):
        done.answer("keep")
    with pytest.raises(ValueError, match="not reached an outcome"):
        walk.result()


CYCLIC = """
format: 1
title: {zh: 环, en: Loop}
start: a
topics: []
questions:
  - id: a
    text: {zh: 甲, en: A}
    choices:
      - {id: x, label: {zh: 去乙, en: to b}, next: b}
  - id: b
    text: {zh: 乙, en: B}
    choices:
      - {id: y, label: {zh: 回甲, en: back to a}, next: a}
outcomes: []
"""


def test_a_cyclic_tree_is_refused_not_looped() -> None:
    tree = build_tree(parse_text(CYCLIC, "cyclic.yaml"), "cyclic.yaml")
    assert isinstance(tree.node("a"), Question)
    with pytest.raises(TreeWalkError, match="cycle"):
        resolve(tree, {"a": "x", "b": "y"})


THREE = """
format: 1
title: {zh: 题, en: T}
start: q1
topics:
  - {id: t, title: {zh: 题, en: T}, answer: {zh: 答, en: A}, source: {title: s, anchor: a}}
questions:
  - id: q1
    text: {zh: 一, en: One}
    choices: [{id: a, label: {zh: 甲, en: A}, next: q2}, {id: b, label: {zh: 乙, en: B}, next: q2}]
  - id: q2
    text: {zh: 二, en: Two}
    choices: [{id: x, label: {zh: 甲, en: X}, next: q3}, {id: y, label: {zh: 乙, en: Y}, next: q3}]
  - id: q3
    text: {zh: 三, en: Three}
    choices: [{id: m, label: {zh: 甲, en: M}, next: out}, {id: n, label: {zh: N, en: N}, next: out}]
outcomes:
  - {id: out, title: {zh: 完, en: Out}, steps: [{zh: 步, en: S}], topics: [t]}
"""


def test_back_after_change_asks_again_instead_of_replaying() -> None:
    tree = build_tree(parse_text(THREE, "three.yaml"), "three.yaml")
    done = Walk.begin(tree, {"q1": "a", "q2": "x", "q3": "m"})
    assert done.outcome is not None
    changing = done.change("q2")  # at q2, with q3=m waiting to be replayed
    assert changing.question is not None and changing.question.id == "q2"
    back = changing.back()  # the user steps back instead: nothing waits any more
    assert back.question is not None and back.question.id == "q1"
    again = back.answer("a").answer("y")
    assert again.question is not None and again.question.id == "q3"  # asked, not replayed
    assert again.remembered("q3") == "m"  # but the earlier answer is preselected
