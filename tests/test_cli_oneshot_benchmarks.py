"""The benchmark scripts run (quick modes: tiny sizes, one round); no timing is asserted here.

Speed is shown by the benchmarks themselves (docs/performance.md), never by a timed test.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from types import ModuleType
from typing import Any

import pytest

from conftest import ROOT
from icp_faq.loader import build_tree, parse_text
from icp_faq.validate import check


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"benchmark_{name}", ROOT / "benchmarks" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
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
    for row in result["rows"]:
        for command in ("validate --strict", "list", "explain", "search"):
            assert row[command]["median_s"] > 0
    assert result["startup"]["median_s"] > 0


def test_scale_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert script("scale").main(["--sizes", "11", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("  nodes") and "validate --strict" in out and "--version" in out


def test_startup_quick_mode(capsys: pytest.CaptureFixture[str]) -> None:
    """``--no-build --runs 1``: the package installed here, every row once."""
    startup = script("startup")
    assert startup.main(["--no-build", "--runs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    labels = [r["command"] for r in result["rows"]]
    assert labels[:3] == [label for label, _ in startup.REFERENCES]
    assert labels[-len(startup.COMMANDS) :] == [label for label, _ in startup.COMMANDS]
    for row in result["rows"]:
        assert row["after"]["median_ms"] > 0 and "before" not in row
    assert "after" in result["sides"] and "before" not in result["sides"]


def _fake_result(startup: ModuleType) -> dict[str, Any]:
    """A compare result as ``measure`` returns it, with made-up figures."""

    def side(median: float) -> dict[str, float]:
        return {
            "median_ms": median,
            "min_ms": median - 10,
            "ratio": median / 20,
            "min_ratio": 1.0,
            "over_typer_ms": median - 100,
            "cpu_median_ms": median - 5,
        }

    def row(label: str, kind: str, before: float | None, after: float) -> dict[str, Any]:
        out: dict[str, Any] = {"command": label, "kind": kind, "after": side(after)}
        if before is not None:
            out["before"] = side(before)
            for key in ("median_ms", "min_ms", "cpu_median_ms"):
                out[f"diff_{key}"] = round(after - before, 1)
        return out

    return {
        "runs": 1,
        "load_average": {"start": [1.0, 1.0, 1.0], "end": [2.0, 2.0, 2.0], "cpus": 2},
        "machine": "test",
        "sides": {
            "after": {"label": "checkout wheel", "command": "icp-faq", "versions": {"x": "1"}},
            "before": {"label": "abc wheel", "command": "icp-faq", "versions": {"x": "0"}},
        },
        "budget_ms": startup.BUDGET_MS,
        "rows": [
            row("python -c pass", "reference", 20.0, 20.0),
            row("python -c 'import typer'", "reference", 100.0, 130.0),
            row("tldr --version", "peer", None, 60.0),
            row("list", "icp-faq", 110.0, 113.0),
            row("validate", "icp-faq", 110.0, 140.0),
        ],
    }


def test_startup_compare_table() -> None:
    """Before, after and the difference per command; only icp-faq rows over budget flagged."""
    startup = script("startup")
    lines = startup.table(_fake_result(startup)).splitlines()
    assert "median ms" in lines[0] and "before" in lines[1] and "diff" in lines[1]
    by_label = {line.split("  ")[0]: line for line in lines[2:]}
    assert "+30.0" in by_label["validate"] and "slower by > 5 ms" in by_label["validate"]
    assert "+3.0" in by_label["list"] and "slower" not in by_label["list"]
    assert "slower" not in by_label["python -c 'import typer'"]  # a floor, not a command
    assert "60.0" in by_label["tldr --version"]
    assert any(line.startswith("before: abc wheel") for line in lines)


def test_revision_source(tmp_path: Any) -> None:
    """``--compare`` builds from the files of a revision, taken with git archive."""
    try:
        subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    source = script("startup").source_of("HEAD", tmp_path)
    assert (source / "pyproject.toml").is_file() and (source / "src" / "icp_faq").is_dir()


@pytest.mark.slow
def test_startup_builds_and_installs_the_wheel(capsys: pytest.CaptureFixture[str]) -> None:
    """The default mode: wheel of the checkout, fresh venv with the peer, one round."""
    assert script("startup").main(["--runs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    after = result["sides"]["after"]
    assert after["label"].startswith("checkout wheel") and "tldr" in after["versions"]
    kinds = {r["kind"] for r in result["rows"]}
    assert kinds == {"reference", "peer", "icp-faq"}


def test_commands_run_with_garbage_collection_on() -> None:
    """``entry.main`` pauses collection for start-up only (a measured saving, see
    docs/performance.md): the command itself, an ``ask`` session too, collects as usual."""
    code = (
        "import gc, sys\n"
        "import icp_faq.trees as trees\n"
        "real = trees.open_tree\n"
        "def spy(path):\n"
        "    sys.stderr.write(f'collecting during the command: {gc.isenabled()}\\n')\n"
        "    return real(path)\n"
        "trees.open_tree = spy\n"
        "from icp_faq.entry import main\n"
        "main(['list', '--format', 'json'])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "collecting during the command: True" in proc.stderr
    assert json.loads(proc.stdout)


def test_search_cross_validation_runs(capsys: pytest.CaptureFixture[str]) -> None:
    data = ROOT / "tests" / "data"
    paths = [str(data / "search_real_tuning.yaml"), str(data / "search_real_heldout.yaml")]
    assert script("search_cv").main([*paths, "--folds", "2", "--repeats", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    oof = result["out-of-fold, thresholds chosen in-fold"]
    assert oof["in_scope"] == 73 and oof["out_of_scope"] == 196  # every question scored once
    assert sum(result["chosen (MIN_COVERAGE, NEAR_MARGIN, MIN_BEYOND): times"].values()) == 2
    # the script puts the engine's thresholds back
    from icp_faq.search import decide

    assert result["thresholds"]["MIN_BEYOND"] == decide.MIN_BEYOND
