"""Search: terms, ranking quality on natural questions, and resolving what users type."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, ROOT, SHIPPED
from icp_faq.errors import ExitCode
from icp_faq.errors import UnknownTopic as CliError
from icp_faq.model import Tree
from icp_faq.search import Index, rank, search
from icp_faq.search import find_topic as resolve
from icp_faq.search.text import Analyzer

_ANALYZERS: list[Analyzer] = []


def terms(text: str, *, query: bool = False) -> list[str]:
    """Terms as the shipped tree's vocabulary reads them."""
    if not _ANALYZERS:
        from icp_faq.loader import load_tree

        _ANALYZERS.append(Analyzer(load_tree(SHIPPED).vocabulary))
    return _ANALYZERS[0].terms(text, query=query)


# Questions the project's authors wrote from the seed; all were tuned on: regression data.
WRITTEN = "search_written.yaml"
BENCH = ROOT / "benchmarks"


def _cases(name: str) -> list[tuple[str, str, str]]:
    items = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return [(item["lang"], item["q"], item["expect"]) for item in items]


def test_the_written_set_is_big_balanced_and_not_titles(shipped_tree: Tree) -> None:
    cases = [c for c in _cases(WRITTEN) if c[2] != "outside"]
    for lang in ("zh", "en"):
        assert sum(1 for c in cases if c[0] == lang) >= 100
    titles = {x for t in shipped_tree.topics for x in (t.title.zh, t.title.en)}
    ids = {t.id for t in shipped_tree.topics}
    for _, q, expected in cases:
        assert q not in titles
        assert expected in ids
    assert {expected for _, _, expected in cases} == ids  # every topic is asked about


def test_no_question_is_asked_twice() -> None:
    questions = [q for _, q, _ in _cases(WRITTEN)]
    assert len(questions) == len(set(questions))


def _eval() -> Any:
    """benchmarks/search_eval.py, the script the held-out set is measured with."""
    spec = importlib.util.spec_from_file_location("search_eval", BENCH / "search_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _figures(name: str) -> dict[str, Any]:
    ev = _eval()
    result = ev.evaluate(ev.load_items(DATA / name), ev.in_process(None))
    print(f"\n{name}\n" + ev.table(result, show_misses=False))  # pytest -s shows them
    return dict(result["groups"]["all"])


def test_written_questions_are_answered_with_the_right_topic() -> None:
    """Regression: the authors' in-scope questions stay found, and are not declined."""
    g = _figures(WRITTEN)
    assert g["top1"] / g["in_scope"] >= 0.9, g
    assert g["top3"] / g["in_scope"] >= 0.95, g
    assert g["wrongly_declined"] / g["in_scope"] <= 0.05, g
    assert g["declined"] / g["out_of_scope"] >= 0.9, g


def _real(*names: str) -> dict[str, Any]:
    """``search_eval``'s figures for all languages over the named real-question files."""
    ev = _eval()
    items = [item for name in names for item in ev.load_items(DATA / name)]
    result = ev.evaluate(items, ev.in_process(None))
    print(f"\n{' + '.join(names)}\n" + ev.table(result, show_misses=False))
    groups: dict[str, Any] = result["groups"]["all"]
    return groups


def test_real_tuning_questions_meet_the_floor() -> None:
    """A floor on the real questions search was tuned on (both halves, since the held-out
    half was read after its one run): it keeps what tuning reached from slipping, below the
    figures reached, never pinning them. A new unseen set measures search; this does not.
    The figures are printed (pytest -s)."""
    g = _real("search_real_tuning.yaml", "search_real_heldout.yaml")
    assert g["top1"] / g["in_scope"] >= 0.85, g
    assert g["top3"] / g["in_scope"] >= 0.9, g
    assert g["wrongly_declined"] / g["in_scope"] <= 0.05, g
    assert g["declined"] / g["out_of_scope"] >= 0.8, g


def test_once_unseen_questions_do_not_slip() -> None:
    """The two unseen sets, each run once before its misses were read (figures in their
    headers), are seen data now: a floor below what they reach keeps future tuning on the
    other files from quietly costing these wordings. Not a measure of search."""
    g = _real("search_real_unseen.yaml", "search_real_unseen2.yaml")
    assert g["top1"] / g["in_scope"] >= 0.65, g
    assert g["top3"] / g["in_scope"] >= 0.65, g
    assert g["wrongly_declined"] / g["in_scope"] <= 0.25, g
    assert g["declined"] / g["out_of_scope"] >= 0.7, g
    # the figure that matters most: a confident answer that is wrong
    assert g["confidently_wrong"] / g["questions"] <= 0.25, g


def test_the_evaluation_script_counts_what_it_says(tmp_path: Path) -> None:
    items = [
        {
            "id": "a",
            "lang": "zh",
            "q": "取消接入后网站还能访问吗",
            "expect": "site-after-cancel-access",
        },
        {"id": "b", "lang": "en", "q": "cancel transfer", "expect": "skip-access", "also": []},
        {"id": "c", "lang": "zh", "q": "公安备案怎么办理", "expect": "outside", "subject": "psb"},
        {"id": "d", "lang": "en", "q": "kubernetes", "expect": "skip-access"},
    ]
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(BENCH / "search_eval.py"), str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    zh, en = result["groups"]["zh"], result["groups"]["en"]
    assert (zh["in_scope"], zh["top1"], zh["out_of_scope"], zh["declined"]) == (1, 1, 1, 1)
    assert (en["in_scope"], en["top1"], en["wrongly_declined"]) == (2, 0, 1)
    # b is answered with the wrong topic; a is right, c and d declined
    assert (zh["confidently_wrong"], en["confidently_wrong"]) == (0, 1)
    assert result["groups"]["all"]["questions"] == 4
    assert [m["id"] for m in result["misses"]] == ["b", "d"]


@pytest.mark.slow
def test_the_evaluation_agrees_with_the_command(tmp_path: Path) -> None:
    """In-process and --cli (the real command's exit code and JSON) give the same figures."""
    ev = _eval()
    items = ev.load_items(DATA / "search_real_tuning.yaml")[:12]
    assert ev.evaluate(items, ev.in_process(None)) == ev.evaluate(items, ev.via_cli(None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("换服务器", ["换服", "服务", "务器"]),
        ("被拒了", ["不通", "通过"]),  # an everyday wording becomes the FAQ's word
        ("有什么不一样", ["区别"]),  # a difference, not a mismatch (不一样 -> 不一致)
        ("域名不一样", ["域名", "不一", "一致"]),  # a generic word stands alone: no 名不
        ("the domain is in my client's name", ["domain", "owner"]),
        ("switched from Tencent Cloud to aliyun", ["chang", "provider", "alibaba"]),
        ("I don't want to transfer it", ["skip"]),  # don't -> do not -> not * * transfer
        ("can I edit it while the transfer is pending", ["chang", "dur", "transfer", "dur"]),
        ("cancel my beian", ["deregister"]),
        ("域名和公司对不上", ["域名", "和主", "主体", "体不", "不一", "一致"]),
        ("不想用阿里云了", ["离开", "开阿", "阿里", "里云"]),
        ("stop using aliyun", ["leav", "alibaba"]),
        ("after I cancel the ICP filing transfer", ["after", "cancel", "transfer"]),
        ("我换了服务器", ["换服", "服务", "务器"]),  # particles drop, words join
        ("怎么取消接入", ["取消", "消接", "接入"]),  # question words split
        ("域名未备案", ["域名", "未备", "备案"]),  # a lone one joins the next generic word
        ("Rejected applications", ["reject", "applic"]),
        ("cancelled cancelling cancellation", ["cancel", "cancel", "cancel"]),
        ("the of and", []),
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_a_single_chinese_character_is_a_unigram_query(shipped_tree: Tree) -> None:
    assert terms("驳", query=True) == ["驳"]
    assert terms("驳") == []  # never indexed as noise in a document
    # one character finds the topic it belongs to; too little to be sure of (rank, not search)
    assert rank(shipped_tree, "驳")[0][0].id == "access-rejected"


def test_english_ignores_case_and_inflection(shipped_tree: Tree) -> None:
    a = [t.id for t, _ in search(shipped_tree, "DEREGISTERING")]
    b = [t.id for t, _ in search(shipped_tree, "deregistration")]
    assert a[0] == b[0] == "cancel-vs-deregister"


def test_both_languages_are_searched_whatever_the_output_language(shipped_tree: Tree) -> None:
    assert search(shipped_tree, "域名持有者")[0][0].id == "domain-owner-mismatch"
    assert search(shipped_tree, "domain holder")[0][0].id == "domain-owner-mismatch"


def test_no_match_and_stopwords_only_give_nothing(shipped_tree: Tree) -> None:
    assert search(shipped_tree, "kubernetes helm chart") == []
    assert search(shipped_tree, "what is the") == []
    assert search(shipped_tree, "？！") == []


def test_scores_are_positive_sorted_and_limited(shipped_tree: Tree) -> None:
    hits = search(shipped_tree, "接入备案", limit=3)
    assert len(hits) == 3
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)


def test_ties_keep_file_order(shipped_tree: Tree) -> None:
    first = shipped_tree.topics[0]
    twins = (replace(first, id="zz-copy"), first, replace(first, id="aa-copy"))
    hits = search(replace(shipped_tree, topics=twins), "服务器提供商")
    assert [t.id for t, _ in hits] == ["zz-copy", first.id, "aa-copy"]
    assert len({s for _, s in hits}) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cancel-vs-deregister", "cancel-vs-deregister"),
        ("  Cancel-VS  ", "cancel-vs-deregister"),  # trimmed, case-insensitive prefix
        ("skip", "skip-access"),
        ("取消接入和注销备案有什么区别？", "cancel-vs-deregister"),
        ("can my website still be accessed after cancel transfer?", "site-after-cancel-access"),
    ],
)
def test_resolve(shipped_tree: Tree, name: str, expected: str) -> None:
    assert resolve(shipped_tree, name).id == expected


def test_resolve_ambiguous_prefix_lists_candidates(shipped_tree: Tree) -> None:
    with pytest.raises(CliError) as err:
        resolve(shipped_tree, "c")
    assert err.value.exit_code == ExitCode.USAGE
    assert "ambiguous" in err.value.message
    assert "change-info-during-access" in err.value.message
    assert "cancel-vs-deregister" in err.value.message


def test_resolve_unknown_suggests_close_ids_and_list(shipped_tree: Tree) -> None:
    with pytest.raises(CliError) as err:
        resolve(shipped_tree, "skip-acess")
    assert err.value.exit_code == ExitCode.USAGE
    assert "did you mean skip-access?" in err.value.message
    assert "icp-faq" not in err.value.message  # a lower layer gives no command-line advice


def test_resolve_unknown_words_suggest_by_search(shipped_tree: Tree) -> None:
    with pytest.raises(CliError) as err:
        resolve(shipped_tree, "注销")
    assert "did you mean cancel-vs-deregister" in err.value.message


def test_resolve_nothing_close(shipped_tree: Tree) -> None:
    with pytest.raises(CliError) as err:
        resolve(shipped_tree, "zzz")
    assert "did you mean" not in err.value.message
    with pytest.raises(CliError):
        resolve(shipped_tree, "   ")


def test_stray_word_matches_are_dropped(shipped_tree: Tree) -> None:
    everything = Index(shipped_tree).rank("my transfer got rejected, is my site down?")
    shown = search(shipped_tree, "my transfer got rejected, is my site down?")
    assert len(shown) < len(everything)
    assert shown[0][0].id == "access-rejected"
    assert all(score >= 0.2 * shown[0][1] for _, score in shown)
