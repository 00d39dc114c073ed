"""docs/tree-format.md stays true: the checks table, the examples and the minimal tree."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from icp_faq._yaml import parse
from icp_faq.loader import load_tree
from icp_faq.validate import CHECKS
from support import invoke

DOC = ROOT / "docs" / "tree-format.md"
TEXT = DOC.read_text(encoding="utf-8")


def checks_table() -> str:
    """The Markdown table of every check, as docs/tree-format.md must show it."""
    rows = [f"| `{code}` | {sev} | {meaning} |" for code, (sev, meaning) in CHECKS.items()]
    return "\n".join(["| code | severity | what it means |", "|---|---|---|", *rows])


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", TEXT, flags=re.S | re.M)


def _section(title: str) -> str:
    start = TEXT.index(f"\n## {title}\n")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end != -1 else len(TEXT)]


def test_doc_lists_every_check_exactly_as_checks_says() -> None:
    assert checks_table() in TEXT, "paste this table into docs/tree-format.md:\n" + checks_table()
    listed = set(re.findall(r"^\| `([a-z-]+)` \| (?:error|warning) \|", TEXT, flags=re.M))
    assert listed == set(CHECKS)


def test_every_yaml_snippet_in_the_doc_is_valid_yaml() -> None:
    snippets = _blocks("yaml")
    assert len(snippets) >= 5
    for snippet in snippets:
        assert parse(snippet) is not None


def test_minimal_example_passes_strict_validation(tmp_path: Path) -> None:
    [example] = re.findall(
        r"^```yaml\n(.*?)^```$", _section("A complete minimal example"), re.S | re.M
    )
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = invoke("validate", "--strict", str(path))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}: ok: ")
    assert replace(load_tree(path), path="") == replace(load_tree(DATA / "minimal.yaml"), path="")


def test_output_examples_are_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_blocks = _blocks("text")
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "broken" / "not-https.yaml", "tree.yaml")
    result = invoke("validate", "tree.yaml")
    assert result.exit_code == 3
    assert result.stdout + result.stderr in text_blocks

    shutil.copy(DATA / "broken" / "unknown-key.yaml", "tree.yaml")
    result = invoke("validate", "tree.yaml")
    shown = [b for b in text_blocks if "anwser" in b]
    assert len(shown) == 1
    assert result.stdout.startswith(shown[0].removesuffix("...\n"))


def test_doc_states_the_caps_the_loader_enforces() -> None:
    from icp_faq import _yaml, loader

    assert f"{loader.MAX_BYTES // 2**20} MiB" in TEXT
    assert f"{_yaml.MAX_DEPTH} levels of nesting" in TEXT
    assert f"`^{loader.ID_RE.pattern.strip('^$')}$`" in TEXT
