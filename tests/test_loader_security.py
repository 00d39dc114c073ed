"""Hostile tree files: object tags never run, alias bombs end at once with an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT
from icp_faq._yaml import YamlError, parse
from icp_faq.loader import FaqFileError, load_tree

MINIMAL = DATA / "minimal.yaml"


def _payload(marker: Path) -> str:
    return f'!!python/object/apply:os.system ["touch {marker}"]'


def _hostile_trees(marker: Path) -> dict[str, str]:
    """The minimal tree with the payload as a value, a list item, a key and a whole document."""
    body = MINIMAL.read_text(encoding="utf-8")
    payload = _payload(marker)
    return {
        "value": body.replace("start: goal", f"start: {payload}"),
        "list-item": body.replace("related: [beta]", f"related: [{payload}]"),
        "key": body.replace("start: goal", f"start: goal\n? {payload}\n: x"),
        "document": f"--- {payload}\n",
        "object-new": body.replace("start: goal", "start: !!python/object/new:os.system [true]"),
    }


@pytest.mark.parametrize("where", ["value", "list-item", "key", "document", "object-new"])
def test_python_object_tag_is_rejected_and_never_runs(tmp_path: Path, where: str) -> None:
    marker = tmp_path / "MARKER"
    tree = tmp_path / "hostile.yaml"
    tree.write_text(_hostile_trees(marker)[where], encoding="utf-8")
    with pytest.raises(FaqFileError) as info:
        load_tree(tree)
    assert "is not allowed: only plain data is read" in info.value.message
    assert str(info.value).startswith(f"{tree}:")
    assert not marker.exists()


def test_the_payload_is_real_so_the_test_above_would_notice(tmp_path: Path) -> None:
    """PyYAML's unsafe loader does run the same text: the marker appears."""
    marker = tmp_path / "MARKER"
    yaml.unsafe_load(_hostile_trees(marker)["value"])
    assert marker.exists()


def test_validate_in_a_real_process_rejects_the_tag_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    tree = tmp_path / "hostile.yaml"
    tree.write_text(_hostile_trees(marker)["value"], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ICP_FAQ_")}
    proc = subprocess.run(
        [sys.executable, "-m", "icp_faq", "validate", str(tree)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    assert f"{tree}:4:8: error: tag '!!python/object/apply:os.system' is not allowed" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert not marker.exists()
    assert not list(tmp_path.glob("icp-faq-MARKER*"))
    assert not (ROOT / "icp-faq-MARKER").exists()


def _bomb(levels: int, width: int) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * width)
        lines.append(f"l{i}: &l{i} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (30, 10), (2, 10_000)])
def test_alias_bomb_ends_with_an_error(tmp_path: Path, levels: int, width: int) -> None:
    tree = tmp_path / "bomb.yaml"
    tree.write_text(_bomb(levels, width), encoding="utf-8")
    with pytest.raises(FaqFileError) as info:
        load_tree(tree)
    assert info.value.line == 2
    assert "aliases ('*l0') are not supported" in info.value.message


def test_a_single_alias_anywhere_is_refused_by_the_reader() -> None:
    with pytest.raises(YamlError) as info:
        parse("a: &x 1\nb: [1, 2, *x]\n")
    assert (info.value.pos.line, info.value.pos.col) == (2, 11)


def test_every_non_data_tag_is_refused() -> None:
    for tag in ("!!binary aGk=", "!!set {a}", "!!omap [a: 1]", "!!pairs [a: 1]", "!custom x"):
        with pytest.raises(YamlError, match="is not allowed"):
            parse(f"a: {tag}\n")


def test_file_size_is_capped_without_trusting_stat(monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev/zero reports size 0 and never ends; the cap still stops the read."""
    import icp_faq.loader as loader

    if not Path("/dev/zero").exists():  # pragma: no cover - non-POSIX
        pytest.skip("no /dev/zero")
    monkeypatch.setattr(loader, "MAX_BYTES", 1024)
    with pytest.raises(FaqFileError, match="is larger than 1,024 bytes"):
        load_tree("/dev/zero")
