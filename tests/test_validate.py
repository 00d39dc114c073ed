"""The validator, one check at a time, on trees built directly from the model (no YAML)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from icp_faq.model import (
    Choice,
    Link,
    Neighbour,
    Outcome,
    Pos,
    Question,
    Source,
    Synonym,
    Text,
    Topic,
    Tree,
    Vocabulary,
    Words,
)
from icp_faq.validate import CHECKS, Finding, check, errors_of, has_errors


def _t(word: str) -> Text:
    return Text(f"{word}（中）", word)


def _topic(tid: str, related: tuple[str, ...]) -> Topic:
    return Topic(
        id=tid,
        title=_t(tid),
        answer=_t(f"{tid} answer"),
        points=(_t("point"),),
        links=(Link(_t("link"), f"https://example.com/{tid}"),),
        related=related,
        aliases=Words(("别名",), ("alias",)),
        source=Source(f"{tid} heading", f"section_{tid}"),
        pos=Pos(10 if tid == "alpha" else 20, 5),
    )


def _outcome(oid: str, topic: str) -> Outcome:
    return Outcome(
        id=oid,
        title=_t(oid),
        steps=(_t("step"),),
        topics=(topic,),
        links=(Link(_t("link"), "https://example.com/o"),),
        pos=Pos(60 if oid == "out-a" else 70, 5),
        topics_pos=Pos(61, 5),
    )


def _choice(cid: str, nxt: str) -> Choice:
    return Choice(cid, _t(cid), nxt, pos=Pos(40, 9), next_pos=Pos(41, 15))


def _tree(**changes: object) -> Tree:
    base = Tree(
        title=_t("tree"),
        start="goal",
        topics=(_topic("alpha", ("beta",)), _topic("beta", ("alpha",))),
        questions=(Question("goal", _t("goal?"), (_choice("a", "out-a"), _choice("b", "out-b"))),),
        outcomes=(_outcome("out-a", "alpha"), _outcome("out-b", "beta")),
    )
    return replace(base, **changes)


def _codes(tree: Tree) -> list[str]:
    return sorted(f.code for f in check(tree))


def _goal(*choices: Choice, help: Text | None = None) -> Question:
    return Question("goal", _t("goal?"), choices, help=help)


A, B = _choice("a", "out-a"), _choice("b", "out-b")
ALPHA, BETA = _topic("alpha", ("beta",)), _topic("beta", ("alpha",))
OUT_A, OUT_B = _outcome("out-a", "alpha"), _outcome("out-b", "beta")


def test_the_base_tree_is_clean() -> None:
    assert check(_tree()) == []


#: One change to the clean tree, and every code check() then reports.
NEAR = Neighbour(
    id="first-filing",
    title=_t("first filing"),
    note=_t("not covered"),
    links=(Link(_t("link"), "https://example.com/n"),),
    aliases=Words(("首次备案",), ("first filing",)),
    pos=Pos(80, 5),
)


ISOLATED: list[tuple[dict[str, object], list[str]]] = [
    ({"topics": (ALPHA, BETA, ALPHA)}, ["duplicate-id"]),
    ({"outcomes": (OUT_A, OUT_B, OUT_B)}, ["duplicate-id"]),
    ({"start": "nowhere"}, ["unknown-start"]),
    ({"start": "out-a"}, ["unknown-start"]),  # start must be a question
    (
        {"questions": (_goal(A, _choice("b", "gone")),)},
        ["dangling-next", "orphan-topic", "unreachable"],
    ),
    (
        {"questions": (_goal(),)},
        ["no-choices", "orphan-topic", "orphan-topic", "unreachable", "unreachable"],
    ),
    ({"questions": (_goal(A, B, _choice("a", "out-a")),)}, ["duplicate-choice"]),
    ({"outcomes": (OUT_A, replace(OUT_B, topics=("beta", "gamma")))}, ["unknown-topic"]),
    ({"topics": (ALPHA, replace(BETA, related=("alpha", "gamma")))}, ["unknown-topic"]),
    ({"outcomes": (OUT_A, OUT_B, _outcome("out-c", "alpha"))}, ["unreachable"]),
    (
        {
            "questions": (
                _goal(A, _choice("b", "more")),
                Question("more", _t("more?"), (_choice("x", "goal"), B)),
            )
        },
        ["cycle"],
    ),
    ({"outcomes": (OUT_A, replace(OUT_B, topics=("alpha",)))}, ["orphan-topic"]),
    ({"title": Text("树", None)}, ["missing-text"]),
    ({"title": Text(None, None)}, ["missing-text", "missing-text"]),
    ({"title": Text("树", " \n")}, ["empty-text"]),
    ({"topics": (ALPHA, replace(BETA, source=Source("", "section_beta")))}, ["empty-text"]),
    ({"topics": (ALPHA, replace(BETA, points=(Text("", "x"),)))}, ["empty-text"]),
    ({"outcomes": (OUT_A, replace(OUT_B, steps=(Text("步", ""),)))}, ["empty-text"]),
    ({"questions": (_goal(A, B, help=Text("帮助", None)),)}, ["missing-text"]),
    (
        {"topics": (ALPHA, replace(BETA, links=(Link(_t("l"), "http://example.com"),)))},
        ["not-https"],
    ),
    ({"topics": (ALPHA, replace(BETA, links=(Link(_t("l"), "https://"),)))}, ["not-https"]),
    ({"topics": (ALPHA, replace(BETA, links=(Link(_t("l"), "https://a b"),)))}, ["not-https"]),
    (
        {"topics": (ALPHA, replace(BETA, aliases=Words(("别名", " "), ("xy",))))},
        ["empty-text"],
    ),
    (
        {"topics": (ALPHA, replace(BETA, links=(Link(Text("链接", None), "https://x"),)))},
        ["missing-text"],
    ),
    ({"outcomes": (OUT_A, replace(OUT_B, steps=()))}, ["no-steps"]),
    ({"outcomes": (OUT_A, replace(OUT_B, topics=()))}, ["no-topics", "orphan-topic"]),
    ({"topics": (ALPHA, replace(BETA, related=()))}, ["no-related"]),
    ({"outcomes": (OUT_A, replace(OUT_B, links=()))}, ["no-links"]),
    ({"topics": (ALPHA, replace(BETA, points=()))}, ["no-points"]),
    ({"topics": (ALPHA, replace(BETA, aliases=Words()))}, ["no-aliases"]),
    ({"topics": (ALPHA, replace(BETA, title=Text("乙\x1b[2J", "b")))}, ["unsafe-char"]),
    ({"topics": (ALPHA, replace(BETA, aliases=Words(("ok",), ("\u202eevil",))))}, ["unsafe-char"]),
    ({"topics": (ALPHA, replace(BETA, source=Source("h\x07", "s")))}, ["unsafe-char"]),
    ({"topics": (ALPHA, replace(BETA, aliases=Words((), ())))}, ["no-aliases"]),
    ({"topics": (ALPHA, replace(BETA, related=("alpha", "beta")))}, ["self-related"]),
    (
        {"questions": (_goal(A, _choice("b", "one")), Question("one", _t("one?"), (B,)))},
        ["one-choice"],
    ),
    # situations, neighbours and the vocabulary
    ({"topics": (ALPHA, replace(BETA, situations=(Text("情形", None),)))}, ["missing-text"]),
    ({"topics": (ALPHA, replace(BETA, situations=(Text(" ", "when"),)))}, ["empty-text"]),
    ({"neighbours": (replace(NEAR, note=Text("不涉及", None)),)}, ["missing-text"]),
    ({"neighbours": (NEAR, NEAR)}, ["duplicate-id"]),
    ({"neighbours": (replace(NEAR, id="alpha"),)}, ["duplicate-id"]),
    ({"neighbours": (replace(NEAR, links=(Link(_t("l"), "http://x"),)),)}, ["not-https"]),
    ({"neighbours": (replace(NEAR, aliases=Words()),)}, ["no-aliases"]),
    ({"neighbours": (replace(NEAR, aliases=Words(("",), ())),)}, ["empty-text"]),
    ({"vocabulary": Vocabulary(stopwords=Words(("的",), ("吗",)))}, ["wrong-language"]),
    ({"vocabulary": Vocabulary(generic=Words(("filing",), ()))}, ["wrong-language"]),
    ({"vocabulary": Vocabulary(generic=Words((" ",), ()))}, ["empty-text"]),
    ({"vocabulary": Vocabulary(synonyms=(Synonym("区别", ("difference",)),))}, ["wrong-language"]),
    ({"vocabulary": Vocabulary(synonyms=(Synonym("owner", ("* name",)),))}, ["bad-wildcard"]),
    ({"vocabulary": Vocabulary(synonyms=(Synonym("owner", ("in *",)),))}, ["bad-wildcard"]),
    ({"vocabulary": Vocabulary(synonyms=(Synonym("区别", ("不*同",)),))}, ["bad-wildcard"]),
    ({"vocabulary": Vocabulary(synonyms=(Synonym("x", ("a * * * * b",)),))}, ["bad-wildcard"]),
    ({"vocabulary": Vocabulary(synonyms=(Synonym("owner", ("",)),))}, ["empty-text"]),
    (
        {"vocabulary": Vocabulary(synonyms=(Synonym("a", ("x y",)), Synonym("b", ("X  y",))))},
        ["synonym-conflict"],
    ),
    (
        {
            "vocabulary": Vocabulary(
                synonyms=(Synonym("不通过", ("驳回",)), Synonym("失败", ("不通过",)))
            )
        },
        ["synonym-chain"],
    ),
    (
        {
            "vocabulary": Vocabulary(generic=Words((), ("alias",))),
            "topics": (ALPHA, replace(BETA, situations=(Text("情形", "alias"),))),
        },
        ["generic-only", "generic-only", "generic-only"],  # both topics' alias, beta's situation
    ),
    (  # an anchor of only generic words is never held; an empty one is an error
        {
            "vocabulary": Vocabulary(generic=Words((), ("filing",))),
            "topics": (replace(ALPHA, anchors=Words(("改",), ("filing", " "))), BETA),
        },
        ["empty-text", "generic-only"],
    ),
]


@pytest.mark.parametrize(("changes", "codes"), ISOLATED)
def test_each_check_in_isolation(changes: dict[str, object], codes: list[str]) -> None:
    assert _codes(_tree(**changes)) == codes


@pytest.mark.parametrize(("changes", "codes"), ISOLATED)
def test_opening_a_tree_finds_the_same_errors_without_the_costly_warnings(
    changes: dict[str, object], codes: list[str]
) -> None:
    """``check(tree, warnings=False)`` (what opening a tree runs) drops only warnings."""
    tree = _tree(**changes)
    assert errors_of(check(tree, warnings=False)) == errors_of(check(tree))
    assert "generic-only" not in {f.code for f in check(tree, warnings=False)}


def test_every_check_has_a_case_above() -> None:
    """ISOLATED must grow with CHECKS."""
    covered = {code for _, codes in ISOLATED for code in codes}
    assert covered == set(CHECKS)


def test_cycle_message_shows_the_loop_and_points_at_the_choice() -> None:
    more = Question("more", _t("more?"), (_choice("x", "goal"), B))
    tree = _tree(questions=(_goal(A, _choice("b", "more")), more))
    [finding] = check(tree)
    assert (
        finding.message == "question 'more': choice 'x' leads back to 'goal' (goal -> more -> goal)"
    )
    assert finding.pos == Pos(41, 15)


def test_a_self_loop_is_a_cycle() -> None:
    tree = _tree(questions=(_goal(A, B, _choice("again", "goal")),))
    assert _codes(tree) == ["cycle"]


def test_long_chains_do_not_hit_the_recursion_limit() -> None:
    """Depth-first search is iterative: 5000 questions in a row are fine."""
    n = 5000
    chain = tuple(
        Question(f"q{i}", _t("q"), (_choice("a", f"q{i + 1}" if i + 1 < n else "out-a"), B))
        for i in range(n)
    )
    tree = _tree(start="q0", questions=chain)
    assert check(tree) == []
    looped = _tree(
        start="q0", questions=(*chain[:-1], Question(f"q{n - 1}", _t("q"), (_choice("a", "q0"), B)))
    )
    assert "cycle" in _codes(looped)


def test_findings_are_sorted_by_position_and_positionless_ones_last() -> None:
    tree = _tree(
        title=Text("树", None),  # no position: a tree built in code
        topics=(ALPHA, replace(BETA, related=())),
        outcomes=(OUT_A, replace(OUT_B, links=())),
    )
    findings = check(tree)
    assert [f.code for f in findings] == ["no-related", "no-links", "missing-text"]


def test_finding_line_format_and_strict() -> None:
    f = Finding("warning", "no-links", "outcome 'x': has no links", Pos(3, 5))
    assert f.line("t.yaml") == "t.yaml:3:5: warning: outcome 'x': has no links [no-links]"
    assert (
        f.line("t.yaml", strict=True) == "t.yaml:3:5: error: outcome 'x': has no links [no-links]"
    )
    assert Finding("error", "x", "m", Pos()).line("t.yaml") == "t.yaml: error: m [x]"


def test_has_errors_counts_warnings_only_when_strict() -> None:
    warn = [Finding("warning", "no-links", "m", Pos(1, 1))]
    assert not has_errors(warn)
    assert has_errors(warn, strict=True)
    assert not has_errors([], strict=True)
    assert has_errors([Finding("error", "cycle", "m", Pos(1, 1))])


def test_checks_table_is_well_formed() -> None:
    for code, (severity, meaning) in CHECKS.items():
        assert code == code.lower() and " " not in code
        assert severity in ("error", "warning")
        assert meaning and not meaning.endswith(".")
