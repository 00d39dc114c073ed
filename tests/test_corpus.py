"""The broken-tree corpus: `icp-faq validate FILE` gives each file's exit code, line and message."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA
from icp_faq.validate import CHECKS
from support import invoke

BROKEN = DATA / "broken"
MINIMAL = DATA / "minimal.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load((BROKEN / "cases.yaml").read_text(encoding="utf-8"))
FINDING = re.compile(r"^(?P<where>.+?): (?P<sev>error|warning): (?P<msg>.*)$")


def _ids(case: dict[str, Any]) -> str:
    return str(case["file"]).removesuffix(".yaml")


def _validate(path: Path, *extra: str) -> Any:
    return invoke("validate", str(path), *extra)


def _expected_prefix(case: dict[str, Any], path: Path, severity: str) -> str:
    if case["line"]:
        return f"{path}:{case['line']}:{case['col']}: {severity}: "
    return f"{path}: {severity}: "


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_validate_reports_exit_code_position_and_message(case: dict[str, Any]) -> None:
    _assert_case(case)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_same_results_with_the_pure_python_parser(
    case: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml (PyYAML built without it) every case reads the same."""
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    _assert_case(case)


def _assert_case(case: dict[str, Any]) -> None:
    path = BROKEN / case["file"]
    strict = bool(case.get("strict"))
    result = _validate(path, *(["--strict"] if strict else []))

    assert result.exit_code == case["exit"], (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    stream = result.stderr if case.get("stream") == "stderr" else result.stdout
    lines = stream.splitlines()
    if not case["codes"]:
        assert result.stdout == ""
        assert f"{path}: ok: " in result.stderr
        return
    severity = "error" if strict or case["exit"] else "warning"
    prefix = _expected_prefix(case, path, severity)
    assert any(ln.startswith(prefix) and case["fragment"] in ln for ln in lines), lines
    if stream is result.stdout:
        # Every output line is one finding, `PATH:LINE:COL: SEVERITY: MESSAGE`.
        assert all(FINDING.match(ln) for ln in lines), lines
        assert len(lines) == len(case["codes"])


@pytest.mark.parametrize("case", [c for c in CASES if c.get("stream") != "stderr"], ids=_ids)
def test_json_output_lists_exactly_the_expected_codes(case: dict[str, Any]) -> None:
    path = BROKEN / case["file"]
    result = _validate(path, "--format", "json")
    assert result.exit_code == case["exit"]
    findings = json.loads(result.stdout)
    assert sorted(f["code"] for f in findings) == sorted(case["codes"])
    first = [f for f in findings if (f["line"], f["col"]) == (case["line"], case["col"])]
    if case["codes"]:
        assert any(case["fragment"] in f["message"] for f in first), findings


@pytest.mark.parametrize("case", [c for c in CASES if str(c["file"]).startswith("warn-")], ids=_ids)
def test_warnings_fail_only_under_strict(case: dict[str, Any]) -> None:
    path = BROKEN / case["file"]
    relaxed = _validate(path)
    assert relaxed.exit_code == 0
    assert f"{path}:{case['line']}:{case['col']}: warning: " in relaxed.stdout
    strict = _validate(path, "--strict")
    assert strict.exit_code == 3
    assert f"{path}:{case['line']}:{case['col']}: error: " in strict.stdout
    assert f"{path}: invalid: " in strict.stderr


def test_every_file_has_a_case_and_every_case_a_file() -> None:
    files = {p.name for p in BROKEN.iterdir() if p.name != "cases.yaml"}
    cases = {c["file"] for c in CASES if c["exit"] != 2}
    assert files == cases
    assert not (BROKEN / "does-not-exist.yaml").exists()
    assert len([c for c in CASES if c["exit"] == 3]) >= 25


def test_every_validator_check_is_exercised_by_the_corpus() -> None:
    seen = {code for c in CASES for code in c["codes"]}
    assert set(CHECKS) <= seen


def test_each_broken_file_is_the_minimal_tree_changed_and_says_how() -> None:
    minimal = MINIMAL.read_bytes()
    for case in CASES:
        path = BROKEN / case["file"]
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert data != minimal
        assert data.lstrip(b"\xef\xbb\xbf").startswith((b"# broken: ", b"# fine: ")), path


def test_minimal_tree_is_clean_under_strict() -> None:
    result = _validate(MINIMAL, "--strict")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (
        result.stderr == f"{MINIMAL}: ok: 2 topics, 1 question, 2 outcomes; 0 errors, 0 warnings\n"
    )


def test_json_for_a_clean_tree_is_an_empty_list() -> None:
    result = _validate(MINIMAL, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("name", "line", "col", "code", "message"),
    [
        ("not-https", 14, 14, "not-https", "topic 'alpha': link url must start with https://"),
        ("duplicate-key", 5, 1, "load", "duplicate key 'start' (first defined at line 4)"),
    ],
)
def test_json_for_one_error_gives_every_field(
    name: str, line: int, col: int, code: str, message: str
) -> None:
    path = BROKEN / f"{name}.yaml"
    result = _validate(path, "--format", "json")
    assert result.exit_code == 3
    assert json.loads(result.stdout) == [
        {
            "path": str(path),
            "line": line,
            "col": col,
            "severity": "error",
            "code": code,
            "message": message,
        }
    ]


def test_missing_path_in_json_mode_is_still_a_usage_error() -> None:
    result = _validate(BROKEN / "does-not-exist.yaml", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith("does-not-exist.yaml: error: no such tree file\n")
