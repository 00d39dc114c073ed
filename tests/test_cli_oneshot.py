"""explain, list, search and tree through typer's CliRunner: exit codes, stdout, stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import support
from conftest import FIXTURE, SHIPPED
from golden import assert_golden

ESC = "\x1b["
# Goldens render the small fixture tree, so that editing the shipped content leaves them be.
ON_FIXTURE = ("--tree", str(FIXTURE))


def invoke(  # type: ignore[no-untyped-def]
    *args: str, env: dict[str, str] | None = None, tty: bool = False, locale: str | None = None
):
    return support.invoke(*args, env=env, tty=tty, locale=locale)


# --------------------------------------------------------------------------- explain


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_json_golden(lang: str) -> None:
    r = invoke("explain", "move-house", "--format", "json", "--lang", lang, *ON_FIXTURE)
    assert r.exit_code == 0 and r.stderr == ""
    data = json.loads(r.stdout)
    assert list(data) == ["id", "lang", "title", "answer", "points", "links", "related", "source"]
    assert data["lang"] == lang
    assert_golden(f"cli-explain-move-house.{lang}.json", r.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_markdown_golden(lang: str) -> None:
    r = invoke("explain", "move-house", "-f", "markdown", "-L", lang, *ON_FIXTURE)
    assert r.exit_code == 0 and r.stderr == ""
    assert_golden(f"cli-explain-move-house.{lang}.md", r.stdout)


def test_explain_text_to_a_pipe_is_plain_and_80_wide() -> None:
    r = invoke("explain", "access-rejected", "--lang", "en")
    assert r.exit_code == 0 and r.stderr == ""
    assert ESC not in r.stdout
    assert r.stdout.startswith("Does a rejected ICP filing transfer application affect")
    assert "icp-faq explain change-info-during-access" in r.stdout
    assert "https://beian.aliyun.com/" in r.stdout
    flat = " ".join(r.stdout.split())
    assert "Source: Alibaba Cloud help: 接入备案FAQ (ICP filing transfer FAQ), section" in flat
    assert "#section_nsm_c3t_zdb" in flat
    assert max(len(line) for line in r.stdout.splitlines()) <= 80


@pytest.mark.parametrize(
    "name",
    [
        "cancel-vs",
        "CANCEL-VS-DEREGISTER",
        " 取消接入和注销备案有什么区别？ ",
        "取消接入和注销备案有什么区别",  # a title without its final question mark
        "what is the difference between cancel transfer and cancelling an icp filing",
    ],
)
def test_explain_by_prefix_or_title(name: str) -> None:
    r = invoke("explain", name, "-f", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["id"] == "cancel-vs-deregister"


def test_explain_unknown_exits_2_with_suggestions() -> None:
    r = invoke("explain", "skip-acess", "-L", "en")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == (
        "icp-faq: error: no topic 'skip-acess'; did you mean skip-access?"
        " (run 'icp-faq list' to see every topic)\n"
    )


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("cancl", "cancel-vs-deregister"),
        ("deregistr", "cancel-vs-deregister"),
        ("acess-rejected", "access-rejected"),
        ("domian", "domain-owner-mismatch"),
    ],
)
def test_explain_typo_of_an_id_prefix_or_word_is_suggested(typo: str, meant: str) -> None:
    r = invoke("explain", typo, "-L", "en")
    assert r.exit_code == 2 and r.stdout == ""
    suggested = r.stderr.split("did you mean ", 1)[1].split("?")[0].split(", ")
    assert meant in suggested


def test_explain_ambiguous_prefix_exits_2_listing_candidates() -> None:
    r = invoke("explain", "c", "-L", "en")
    assert r.exit_code == 2 and r.stdout == ""
    assert "ambiguous" in r.stderr
    assert "change-info-during-access, cancel-vs-deregister" in r.stderr


def test_explain_bad_format_is_a_usage_error() -> None:
    r = invoke("explain", "skip-access", "--format", "yaml")
    assert r.exit_code == 2 and r.stdout == ""
    assert "yaml" in r.stderr


# --------------------------------------------------------------------------- list


def test_list_text() -> None:
    r = invoke("list", "--lang", "en")
    assert r.exit_code == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    starts = [ln.split()[0] for ln in lines if not ln.startswith(" ")]
    assert len(starts) == 8 and starts[0] == "skip-access"  # one entry per topic
    assert lines[0] == f"skip-access{' ' * 18}Can I skip transferring my existing ICP filing to"
    assert lines[1] == f"{' ' * 29}Alibaba Cloud?"  # wrapped under its column, at a space
    assert all(len(ln) <= 80 for ln in lines)
    wide = invoke("list", "--lang", "en", env={"COLUMNS": "200"})
    assert len(wide.stdout.splitlines()) == 8  # one line each when they fit


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_list_json_golden(lang: str) -> None:
    r = invoke("list", "--format", "json", "--lang", lang, *ON_FIXTURE)
    assert r.exit_code == 0 and r.stderr == ""
    assert_golden(f"cli-list.{lang}.json", r.stdout)
    assert [set(i) for i in json.loads(r.stdout)] == [{"id", "title", "source"}] * 2
    r = invoke("list", "--format", "json", "--lang", lang)
    assert [set(i) for i in json.loads(r.stdout)] == [{"id", "title", "source"}] * 8


# --------------------------------------------------------------------------- search


def test_search_text_best_first() -> None:
    r = invoke("search", "my transfer got rejected, is my site down?", "--lang", "en")
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.splitlines()[0].split()[0] == "access-rejected"


def test_search_words_may_come_unquoted() -> None:
    r = invoke("search", "取消", "接入", "--limit", "1", "-f", "json")
    assert r.exit_code == 0
    assert len(json.loads(r.stdout)) == 1


def test_search_json_contract() -> None:
    r = invoke("search", "域名持有者不一致", "-f", "json", "-n", "3", "-L", "en")
    assert r.exit_code == 0 and r.stderr == ""
    hits = json.loads(r.stdout)
    assert len(hits) <= 3 and hits[0]["id"] == "domain-owner-mismatch"
    assert all(list(h) == ["id", "title", "score"] for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert hits[0]["title"].startswith("How do I transfer")


def test_search_no_match_exits_1() -> None:
    r = invoke("search", "kubernetes", "--lang", "en")
    assert r.exit_code == 1 and r.stderr == ""
    assert "Nothing in this FAQ matches 'kubernetes'" in r.stdout  # the answer, in plain words
    r = invoke("search", "kubernetes", "--format", "json")
    assert r.exit_code == 1 and json.loads(r.stdout) == []
    assert "kubernetes" in r.stderr  # the reason, for a person reading along


@pytest.mark.parametrize("args", [["search", "x", "--limit", "0"], ["search", " "]])
def test_search_usage_errors(args: list[str]) -> None:
    r = invoke(*args)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr


# --------------------------------------------------------------------------- tree


@pytest.mark.parametrize(("fmt", "ext"), [("json", "json"), ("mermaid", "mmd"), ("dot", "dot")])
def test_tree_formats_golden(fmt: str, ext: str) -> None:
    r = invoke("tree", "--format", fmt, "--lang", "en", *ON_FIXTURE)
    assert r.exit_code == 0 and r.stderr == ""
    assert_golden(f"cli-tree.en.{ext}", r.stdout)


def test_tree_json_contract() -> None:
    r = invoke("tree", "-f", "json")
    data = json.loads(r.stdout)
    assert list(data) == ["start", "nodes"] and data["start"] == "goal"
    goal = data["nodes"]["goal"]
    assert goal["kind"] == "question" and goal["text"] == "您现在想做什么？"


def test_tree_text() -> None:
    r = invoke("tree", "--lang", "en")
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.startswith("ICP filing transfer FAQ\n? What are you trying to do?  [goal]\n")
    assert "  ↳ move-hosting · Move a website's hosting onto Alibaba Cloud servers\n" in r.stdout
    assert ESC not in r.stdout


# --------------------------------------------------------------------------- shared options


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"ICP_FAQ_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_lang_default_from_environment(env: dict[str, str], lang: str) -> None:
    r = invoke("explain", "skip-access", "-f", "json", env=env, locale=None)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["lang"] == lang


def test_lang_option_beats_environment() -> None:
    r = invoke("list", "-f", "json", "--lang", "zh", env={"ICP_FAQ_LANG": "en"})
    assert json.loads(r.stdout)[0]["title"] == "能否不把原有备案接入阿里云？"


def test_bad_icp_faq_lang_is_a_usage_error() -> None:
    r = invoke("list", env={"ICP_FAQ_LANG": "fr"})
    assert r.exit_code == 2 and r.stdout == ""
    assert "ICP_FAQ_LANG" in r.stderr


@pytest.mark.parametrize(
    "command", [["explain", "skip-access"], ["list"], ["tree"], ["search", "驳回"]]
)
def test_color_always_never_and_no_color(command: list[str]) -> None:
    on = invoke(*command, "--color", "always")
    assert on.exit_code == 0 and ESC in on.stdout
    off = invoke(*command, "--color", "never", env={"FORCE_COLOR": "1"})
    assert off.exit_code == 0 and ESC not in off.stdout
    auto = invoke(*command, env={"NO_COLOR": "1"})
    assert ESC not in auto.stdout
    piped = invoke(*command)  # auto, and stdout is not a terminal
    assert ESC not in piped.stdout
    forced = invoke(*command, env={"FORCE_COLOR": "1"})
    assert ESC in forced.stdout
    terminal = invoke(*command, tty=True)  # auto, and stdout is a terminal
    assert ESC in terminal.stdout
    dumb = invoke(*command, env={"TERM": "dumb"}, tty=True)  # a terminal without colour
    assert ESC not in dumb.stdout
    no_color_wins = invoke(*command, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}, tty=True)
    assert ESC not in no_color_wins.stdout


def test_tree_option_and_missing_or_invalid_tree(tmp_path: Path) -> None:
    r = invoke("list", "--tree", str(SHIPPED), "-f", "json")
    assert r.exit_code == 0
    r = invoke("list", "--tree", str(tmp_path / "nope.yaml"))
    assert r.exit_code == 2 and r.stdout == "" and "no such tree file" in r.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ntitle: [\n", encoding="utf-8")
    for command in (["list"], ["explain", "x"], ["search", "x"], ["tree"]):
        r = invoke(*command, "--tree", str(bad))
        assert r.exit_code == 3 and r.stdout == "", command
        assert r.stderr.startswith(f"{bad}:"), r.stderr


def test_tree_from_environment(tmp_path: Path) -> None:
    r = invoke("explain", "skip-access", env={"ICP_FAQ_TREE": str(tmp_path / "gone.yaml")})
    assert r.exit_code == 2 and "gone.yaml" in r.stderr


def test_help_lists_the_commands() -> None:
    r = invoke("--help")
    assert r.exit_code == 0
    for name in ("explain", "list", "search", "tree", "validate"):
        assert name in r.stdout
