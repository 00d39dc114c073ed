"""The house: one description of the tree's shape, trees validated when opened, options before
and after the command, errors to exit codes in one place."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from conftest import DATA, SHIPPED
from icp_faq.errors import ExitCode
from icp_faq.loader import build_tree, content_fields, load_tree
from icp_faq.model import Outcome, Topic
from icp_faq.pack import encode, pack
from support import invoke


def test_a_packed_tree_reads_back_equal_to_its_yaml() -> None:
    tree = load_tree(SHIPPED)
    again = build_tree(json.loads(pack(tree)), "packed")
    assert again == tree
    assert again.topic("skip-access") == tree.topic("skip-access")


def test_packing_leaves_out_defaults_and_positions() -> None:
    minimal = load_tree(DATA / "minimal.yaml")
    data = encode(minimal.outcomes[0])
    assert "covered" not in data  # the default
    assert not any(k == "pos" or k.endswith("_pos") for k in data)


def test_every_key_of_the_file_is_a_documented_dataclass_field() -> None:
    for cls in (Topic, Outcome):
        keys = {name for name, *_ in content_fields(cls)}
        positions = {f.name for f in fields(cls) if f.name == "pos" or f.name.endswith("_pos")}
        assert keys and not keys & positions
        assert all(meta["doc"] for _, _, meta, _ in content_fields(cls))


@pytest.mark.parametrize("command", [["list"], ["explain", "alpha"], ["search", "甲"], ["tree"]])
def test_a_tree_that_fails_validate_is_never_shown(command: list[str]) -> None:
    broken = DATA / "broken" / "not-https.yaml"
    r = invoke(*command, "--tree", str(broken))
    assert r.exit_code == ExitCode.INVALID_TREE
    assert r.stdout == ""
    assert f"{broken}:14:14: error: topic 'alpha': link url must start with https://" in r.stderr
    assert "is not a valid tree" in r.stderr


def test_a_tree_with_only_warnings_is_shown() -> None:
    r = invoke("list", "--tree", str(DATA / "broken" / "warn-no-links.yaml"))
    assert r.exit_code == 0 and r.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "en", "list", "-f", "json"],
        ["list", "--lang", "en", "-f", "json"],
        ["-L", "en", "--tree", str(SHIPPED), "list", "-f", "json"],
        ["list", "-f", "json", "--tree", str(SHIPPED), "-L", "en"],
    ],
)
def test_shared_options_work_before_and_after_the_command(args: list[str]) -> None:
    r = invoke(*args)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["title"].startswith("Can I skip")


def test_the_option_after_the_command_wins() -> None:
    r = invoke("--lang", "en", "list", "--lang", "zh", "-f", "json")
    assert json.loads(r.stdout)[0]["title"] == "能否不把原有备案接入阿里云？"


@pytest.mark.parametrize("command", ["list", "explain", "search", "tree", "validate", "ask"])
def test_version_works_on_every_command(command: str) -> None:
    r = invoke(command, "--version")
    assert r.exit_code == 0 and r.stdout.startswith("icp-faq ")


@pytest.mark.parametrize("command", ["list", "validate"])
def test_color_and_lang_are_accepted_by_every_command(command: str) -> None:
    r = invoke(command, "--color", "never", "--lang", "en")
    assert r.exit_code == 0, r.stderr
