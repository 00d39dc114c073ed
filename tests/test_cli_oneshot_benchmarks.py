"""The benchmark scripts run (tiny sizes, one round); no timing is asserted here."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from conftest import ROOT
from icp_faq.loader import build_tree, parse_text
from icp_faq.validate import check


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [3, 20, 101])
def test_generated_trees_are_valid_under_strict(size: int) -> None:
    text = script("scale").generate(size)
    tree = build_tree(parse_text(text, "gen.yaml"), "gen.yaml")
    assert check(tree) == []
    assert len(tree.nodes) == size | 1


def test_scale_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert script("scale").main(["--sizes", "11", "21", "--runs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [r["nodes"] for r in result["rows"]] == [11, 21]
    assert all(r["validate"] > 0 and r["explain (warm)"] > 0 for r in result["rows"])


def test_startup_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert script("startup").main(["--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("command") and "python -c pass" in out
    assert "explain --format json" in out and "<= 5x" in out


def test_search_cross_validation_runs(capsys: pytest.CaptureFixture[str]) -> None:
    data = ROOT / "tests" / "data"
    paths = [str(data / "search_real_tuning.yaml"), str(data / "search_real_heldout.yaml")]
    assert script("search_cv").main([*paths, "--folds", "2", "--repeats", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    oof = result["out-of-fold, thresholds chosen in-fold"]
    assert oof["in_scope"] == 73 and oof["out_of_scope"] == 196  # every question scored once
    assert sum(result["chosen (MIN_COVERAGE, NEAR_MARGIN, MIN_BEYOND): times"].values()) == 2
    # the script puts the engine's thresholds back
    from icp_faq.search import index

    assert result["thresholds"]["MIN_BEYOND"] == index.MIN_BEYOND
