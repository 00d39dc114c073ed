"""`icp-faq validate` as a user runs it: real processes, streams, locales and options."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATA, SHIPPED
from support import invoke

BROKEN = DATA / "broken"


def _icp_faq(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ICP_FAQ_", "LC_", "LANG"))}
    return subprocess.run(
        [sys.executable, "-m", "icp_faq", *args],
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_shipped_tree_passes_strict_in_a_real_process(tmp_path: Path) -> None:
    proc = _icp_faq("validate", "--strict", str(SHIPPED), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == (
        f"{SHIPPED}: ok: 8 topics, 8 questions, 14 outcomes; 0 errors, 0 warnings\n"
    )


def test_broken_tree_in_a_real_process_under_the_c_locale(tmp_path: Path) -> None:
    """A Chinese file name and message print as UTF-8 even when the locale is C."""
    tree = tmp_path / "树.yaml"
    shutil.copy(BROKEN / "empty-text.yaml", tree)
    proc = _icp_faq("validate", "树.yaml", cwd=tmp_path, LC_ALL="C")
    assert proc.returncode == 3
    assert (
        proc.stdout
        == "树.yaml:21:18: error: topic 'beta': answer 'zh' text is empty [empty-text]\n"
    )
    assert proc.stderr.startswith("树.yaml: invalid: ")
    assert "Traceback" not in proc.stderr


def test_json_in_a_real_process(tmp_path: Path) -> None:
    proc = _icp_faq("validate", "--format", "json", str(BROKEN / "cycle.yaml"), cwd=tmp_path)
    assert proc.returncode == 3
    [finding] = json.loads(proc.stdout)
    assert finding["code"] == "cycle" and finding["line"] == 44


def test_missing_path_in_a_real_process(tmp_path: Path) -> None:
    proc = _icp_faq("validate", "nope.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == "nope.yaml: error: no such tree file\n"


def test_a_file_that_cannot_load_says_so_on_both_streams() -> None:
    path = BROKEN / "python-tag.yaml"
    result = invoke("validate", str(path))
    assert result.exit_code == 3
    assert result.stdout == (
        f"{path}:4:8: error: tag '!!python/object/apply:os.system' is not allowed:"
        " only plain data is read [load]\n"
    )
    assert result.stderr == f"{path}: invalid: the file cannot be loaded\n"


def test_warnings_and_errors_are_counted_in_the_summary(tmp_path: Path) -> None:
    text = (BROKEN / "warn-no-links.yaml").read_text(encoding="utf-8")
    path = tmp_path / "two.yaml"
    path.write_text(text.replace("url: https://example.com/alpha", "url: ftp://x", 1))
    result = invoke("validate", str(path))
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{path}:14:14: error: topic 'alpha': link url must start with https:// [not-https]",
        f"{path}:49:5: warning: outcome 'done-beta': has no links [no-links]",
    ]
    assert result.stderr == (
        f"{path}: invalid: 2 topics, 1 question, 2 outcomes; 1 error, 1 warning\n"
    )
    strict = invoke("validate", "--strict", "--format", "json", str(path))
    assert [f["severity"] for f in json.loads(strict.stdout)] == ["error", "error"]


def test_without_a_path_the_packaged_tree_is_checked() -> None:
    result = invoke("validate", "--strict")
    assert result.exit_code == 0
    assert result.stderr.endswith(
        ": ok: 8 topics, 8 questions, 14 outcomes; 0 errors, 0 warnings\n"
    )


def test_bad_format_option_is_a_usage_error() -> None:
    result = invoke("validate", "--format", "xml", str(SHIPPED))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xml" in result.stderr


def test_help_names_the_options() -> None:
    result = invoke("validate", "--help")
    assert result.exit_code == 0
    for option in ("--strict", "--format", "--tree"):
        assert option in result.stdout
