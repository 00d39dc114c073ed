"""Outcomes the FAQ does not cover (``covered: false``): loaded, validated and shown as such."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from icp_faq.loader import FaqFileError, load_tree
from icp_faq.validate import check
from support import UNCOVERED, uncovered_tree


def test_an_uncovered_outcome_needs_no_topics(tmp_path: Path) -> None:
    tree = load_tree(uncovered_tree(tmp_path))
    outcome = tree.node("elsewhere")
    assert outcome is not None and outcome.kind == "outcome"
    assert outcome.covered is False
    assert tree.node("done-alpha").covered is True  # type: ignore[union-attr]
    assert [f.code for f in check(tree)] == []


def test_a_covered_outcome_still_needs_topics(tmp_path: Path) -> None:
    tree = load_tree(uncovered_tree(tmp_path, UNCOVERED.replace("    covered: false\n", "")))
    assert [f.code for f in check(tree)] == ["no-topics"]


@pytest.mark.parametrize("value", ["yes", "1", '"false"', "[false]"])
def test_covered_must_be_true_or_false(tmp_path: Path, value: str) -> None:
    path = uncovered_tree(tmp_path, UNCOVERED.replace("covered: false", f"covered: {value}"))
    with pytest.raises(FaqFileError, match="'covered' must be true or false"):
        load_tree(path)


def _ask(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "icp_faq", "ask", "--tree", str(tree), "-a", "goal=c", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_scripts_see_covered_false_and_people_see_why(tmp_path: Path) -> None:
    path = uncovered_tree(tmp_path)
    data = json.loads(_ask(path, "-L", "en", "-f", "json").stdout)
    assert data["outcome"]["covered"] is False
    assert data["outcome"]["topics"] == []
    text = _ask(path, "-L", "en").stdout
    assert "This FAQ does not cover your case" in text
    assert "Background" not in text  # no empty heading for topics that are not there
    markdown = _ask(path, "-L", "zh", "-f", "markdown").stdout
    assert "这份 FAQ 没有回答您的情况" in markdown
    tree_json = subprocess.run(
        [sys.executable, "-m", "icp_faq", "tree", "--tree", str(path), "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    nodes = json.loads(tree_json.stdout)["nodes"]
    assert nodes["elsewhere"]["covered"] is False
    assert nodes["done-alpha"]["covered"] is True
