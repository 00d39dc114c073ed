"""The parsed-tree cache: exact round trip, invalidation, corruption, and what stays unimported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SHIPPED
from icp_faq import cache, loader
from icp_faq.cli import app
from icp_faq.model import Tree

runner = CliRunner()


def fields(obj: object) -> object:
    """Every field, positions included (dataclass equality ignores them)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {
            k: fields(getattr(obj, k)) for k in obj.__dataclass_fields__ if not k.startswith("_")
        }
    if isinstance(obj, tuple | list):
        return [fields(x) for x in obj]
    if isinstance(obj, dict):
        return {k: fields(v) for k, v in obj.items()}
    return obj


def test_round_trip_is_exact(shipped_tree: Tree) -> None:
    data = json.loads(json.dumps(cache.encode_tree(shipped_tree)))
    back = cache.decode_tree(data, shipped_tree.path)
    assert back == shipped_tree
    assert fields(back) == fields(shipped_tree)
    assert back.topics[0].pos == shipped_tree.topics[0].pos != (0, 0)


def copy_tree(tmp_path: Path) -> Path:
    path = tmp_path / "tree.yaml"
    path.write_bytes(SHIPPED.read_bytes())
    return path


def test_second_load_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_tree(tmp_path)
    first = cache.load_tree_cached(path)
    entries = sorted(p.name.split(".", 1)[1] for p in cache.cache_dir().glob("tree-*.json"))
    assert entries == ["nodes.json", "topics.json"]
    assert not list(cache.cache_dir().glob(".*.tmp"))  # written atomically, nothing left

    def no_parse(p: object) -> Tree:
        raise AssertionError("parsed again")

    monkeypatch.setattr(loader, "load_tree", no_parse)
    assert cache.load_tree_cached(path) == first
    part = cache.load_tree_cached(path, topics_only=True)
    assert part.topics == first.topics and part.title == first.title
    assert part.questions == () and part.outcomes == ()


def test_a_missing_part_is_a_miss(tmp_path: Path) -> None:
    path = copy_tree(tmp_path)
    full = cache.load_tree_cached(path)
    (nodes,) = cache.cache_dir().glob("tree-*.nodes.json")
    nodes.unlink()
    assert cache.load_tree_cached(path, topics_only=True).topics == full.topics
    assert cache.load_tree_cached(path) == full  # parsed again, and both parts rewritten
    assert nodes.exists()


def test_an_entry_from_another_model_shape_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_tree(tmp_path)
    cache.load_tree_cached(path)
    calls: list[Path] = []
    real = loader.load_tree
    monkeypatch.setattr(loader, "load_tree", lambda p: calls.append(p) or real(p))
    assert cache.load_tree_cached(path) is not None and calls == []  # a hit
    monkeypatch.setattr(cache, "_model_shape", lambda: "0000beef")  # the model has changed
    assert cache.load_tree_cached(path).title.zh == "接入备案常见问题"
    assert calls == [path]  # parsed again


def test_an_edited_tree_is_parsed_again(tmp_path: Path) -> None:
    path = copy_tree(tmp_path)
    cache.load_tree_cached(path)
    text = path.read_text(encoding="utf-8").replace("接入备案常见问题", "接入备案问题")
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert cache.load_tree_cached(path).title.zh == "接入备案问题"


@pytest.mark.parametrize(
    "garbage", [b"", b"{", b'{"key": 1}', b"\xff\xfe", b'{"key":{},"data":[]}', b"[]"]
)
def test_a_corrupt_entry_is_a_miss(tmp_path: Path, garbage: bytes) -> None:
    path = copy_tree(tmp_path)
    expected = cache.load_tree_cached(path)
    for entry in cache.cache_dir().glob("tree-*.json"):
        entry.write_bytes(garbage)
    assert cache.load_tree_cached(path, topics_only=True).topics == expected.topics
    assert cache.load_tree_cached(path) == expected


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = copy_tree(tmp_path)
    assert cache.load_tree_cached(path).start == "goal"
    assert cache.load_tree_cached(path).start == "goal"


def test_cli_uses_the_cache_and_validate_does_not(tmp_path: Path) -> None:
    path = copy_tree(tmp_path)
    r = runner.invoke(app, ["explain", "skip-access", "-f", "json", "--tree", str(path)])
    assert r.exit_code == 0
    # Forge the entry: a hit shows the forged title, which proves the cache is read...
    (entry,) = cache.cache_dir().glob("tree-*.topics.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["data"]["topics"][0]["title"][0] = "FORGED"
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(
        app, ["explain", "skip-access", "-f", "json", "-L", "zh", "--tree", str(path)]
    )
    assert json.loads(r.stdout)["title"] == "FORGED"
    # ...while validate always reads the file itself.
    r = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert r.exit_code == 0 and "FORGED" not in r.stdout


def imported(*args: str, env: dict[str, str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "icp_faq", *args],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    lines = done.stderr.decode().splitlines()
    return {ln.rsplit("|", 1)[-1].strip() for ln in lines if ln.startswith("import time:")}


def test_one_shot_paths_skip_heavy_imports(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")}
    imported("list", env=env)  # fills the cache
    json_path = imported("explain", "skip-access", "--format", "json", env=env)
    assert "yaml" not in json_path and "rich" not in json_path
    assert "questionary" not in json_path
    for args in (["list"], ["search", "驳回"], ["list", "--format", "json"]):
        mods = imported(*args, env=env)
        assert "rich" not in mods and "yaml" not in mods, args
    text_path = imported("explain", "skip-access", env=env)
    assert "rich.console" in text_path
    assert "rich.markdown" not in text_path and "yaml" not in text_path


def test_search_index_round_trips_through_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icp_faq import search

    path = copy_tree(tmp_path)
    tree = cache.load_tree_cached(path, topics_only=True)
    built = cache.search_index(path, tree)  # built and written
    assert list(cache.cache_dir().glob("tree-*.search.json"))
    prepared: list[object] = []
    real = search.Index._prepare
    monkeypatch.setattr(
        search.Index, "_prepare", staticmethod(lambda t: prepared.append(t) or real(t))
    )
    again = cache.search_index(path, tree)  # read back: nothing prepared
    assert prepared == []
    for query in ("审核没过网站会被关吗", "deregister my filing", "驳"):
        assert search.search(tree, query, index=again) == search.search(tree, query, index=built)
    monkeypatch.setattr(search, "code_fingerprint", lambda: "changed")  # the ranking changed
    cache.search_index(path, tree)
    assert len(prepared) == len(tree.topics)  # prepared again


def test_a_restored_index_must_be_for_the_same_topics(shipped_tree: Tree) -> None:
    from icp_faq.search import Index

    data = Index(shipped_tree.topics).data()
    with pytest.raises(ValueError):
        Index.restore(shipped_tree.topics[1:], data[1:][::-1])
