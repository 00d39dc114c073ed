"""The tree ships in the wheel, packed and checked, and is found from anywhere; --tree and
ICP_FAQ_TREE pick another.

The wheel tests are marked ``slow`` (about 10-15 s: build, fresh venv, install); they still run
in the default suite, which is what CI runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SCHEMA, SHIPPED
from icp_faq import __version__
from icp_faq.env import Environment
from icp_faq.loader import build_tree, load_tree
from icp_faq.trees import NAME, open_tree, packaged_yaml
from support import invoke

MINIMAL = DATA / "minimal.yaml"
BROKEN = DATA / "broken" / "not-https.yaml"


def _env() -> dict[str, str]:
    """The caller's environment without anything that could point at the source tree."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("ICP_FAQ_")}


def _run(args: list[str], cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env={**_env(), **extra_env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from this checkout the way a release would be."""
    out = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], out)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    [whl] = out.glob("icp_faq-*.whl")
    return whl


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies installed normally.

    The venv gets no pip of its own (saves ~5 s); this interpreter's pip installs into it.
    """
    venv = tmp_path_factory.mktemp("venv") / "env"
    proc = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], venv.parent)
    assert proc.returncode == 0, proc.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    proc = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)],
        venv.parent,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return venv


def _bin(venv: Path, name: str) -> str:
    return str(venv / ("Scripts" if os.name == "nt" else "bin") / name)


@pytest.mark.slow
def test_wheel_contains_the_tree_and_schema_unchanged(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        data = {"icp_faq/data/icp-access.yaml", "icp_faq/data/icp-access.json"}
        data.add("icp_faq/data/icp-access.search.json")  # its search indexes, prepared
        assert data | {"icp_faq/data/schema.json"} <= names
        assert zf.read("icp_faq/data/icp-access.yaml") == SHIPPED.read_bytes()
        assert zf.read("icp_faq/data/schema.json") == SCHEMA.read_bytes()
        packed = json.loads(zf.read("icp_faq/data/icp-access.json").decode("utf-8"))
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        assert "icp-faq = icp_faq.entry:main" in zf.read(entry_points).decode()
        assert not any(n.startswith(("tests/", "faq/")) for n in names)
    # The packed tree is the checkout's YAML, every key of it (positions aside).
    assert build_tree(packed, "packed") == load_tree(SHIPPED)


@pytest.mark.slow
def test_installed_wheel_validates_its_tree_from_another_directory(
    installed: Path, tmp_path: Path
) -> None:
    proc = _run([_bin(installed, "icp-faq"), "validate", "--strict"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    shipped = Path(proc.stderr.split(": ok: ")[0])
    assert shipped.name == f"{NAME}.yaml" and shipped.is_file()
    assert shipped.is_relative_to(installed)  # the wheel's copy, not the checkout's faq/
    assert "8 topics" in proc.stderr


@pytest.mark.slow
def test_installed_wheel_runs_as_a_module_with_version(installed: Path, tmp_path: Path) -> None:
    proc = _run([_bin(installed, "python"), "-m", "icp_faq", "--version"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"icp-faq {__version__}\n"
    where = _run(
        [_bin(installed, "python"), "-c", "import icp_faq; print(icp_faq.__file__)"], tmp_path
    )
    assert Path(where.stdout.strip()).is_relative_to(installed)


@pytest.mark.slow
def test_installed_wheel_honours_tree_option_and_environment(
    installed: Path, tmp_path: Path
) -> None:
    icp_faq = _bin(installed, "icp-faq")
    by_env = _run([icp_faq, "validate"], tmp_path, ICP_FAQ_TREE=str(BROKEN))
    assert by_env.returncode == 3
    assert by_env.stdout.startswith(f"{BROKEN}:14:14: error: ")
    by_option = _run([icp_faq, "validate", "--tree", str(MINIMAL)], tmp_path)
    assert by_option.returncode == 0
    assert by_option.stderr.startswith(f"{MINIMAL}: ok: ")


@pytest.mark.slow
def test_installed_wheel_reads_the_packed_tree_without_yaml(
    installed: Path, tmp_path: Path
) -> None:
    """In a wheel one-shot commands read the packed JSON: PyYAML is never imported, and rich
    only where text is drawn with it."""
    python = _bin(installed, "python")

    def imported(*args: str) -> set[str]:
        proc = _run([python, "-X", "importtime", "-m", "icp_faq", *args], tmp_path)
        assert proc.returncode == 0, proc.stderr[-2000:]
        lines = proc.stderr.splitlines()
        return {ln.rsplit("|", 1)[-1].strip() for ln in lines if ln.startswith("import time:")}

    for args in (["explain", "skip-access", "-f", "json"], ["list"], ["search", "驳回"]):
        mods = imported(*args)
        assert "yaml" not in mods and "rich" not in mods and "questionary" not in mods, args
    text = imported("explain", "skip-access")
    assert "rich.console" in text and "rich.markdown" not in text and "yaml" not in text


@pytest.mark.slow
def test_installed_wheel_searches_as_the_checkout_does(installed: Path, tmp_path: Path) -> None:
    """In a wheel, search reads the prepared indexes; it answers as the checkout does."""
    for query in ("审核不通过网站还能访问吗", "transfer rejected", "换了IP要重新接入吗"):
        args = ["search", query, "--format", "json", "--limit", "8", "--lang", "en"]
        proc = _run([_bin(installed, "icp-faq"), *args], tmp_path)
        here = invoke(*args)
        assert (proc.returncode, proc.stdout) == (here.exit_code, here.stdout), query


def test_editable_install_finds_the_checkout_tree() -> None:
    """This test run uses the editable install: the tree comes from the checkout's faq/."""
    path = packaged_yaml()
    assert path.is_file()
    assert path.read_bytes() == SHIPPED.read_bytes()
    assert open_tree(None) == load_tree(SHIPPED)


def test_editable_install_validates_from_another_directory(tmp_path: Path) -> None:
    proc = _run([sys.executable, "-m", "icp_faq", "validate", "--strict"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"{NAME}.yaml: ok: 8 topics" in proc.stderr


def test_tree_option_wins_over_the_environment_then_the_package() -> None:
    base = Environment(stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
    env = base.with_options(tree="a.yaml")
    assert replace_environ(env, ICP_FAQ_TREE="b.yaml").tree == "a.yaml"
    assert replace_environ(base, ICP_FAQ_TREE="b.yaml").tree == "b.yaml"
    assert replace_environ(base, ICP_FAQ_TREE="").tree is None  # None: the packaged tree
    assert base.tree is None


def replace_environ(env: Environment, **environ: str) -> Environment:
    from dataclasses import replace

    return replace(env, environ=environ)


def test_validate_uses_icp_faq_tree_and_tree_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ICP_FAQ_TREE", str(BROKEN))
    by_env = invoke("validate")
    assert by_env.exit_code == 3
    assert by_env.stdout.startswith(f"{BROKEN}:14:14: error: ")
    by_option = invoke("validate", "--tree", str(MINIMAL))
    assert by_option.exit_code == 0
    assert by_option.stderr.startswith(f"{MINIMAL}: ok: ")
    by_argument = invoke("validate", str(MINIMAL), "--tree", str(BROKEN))
    assert by_argument.exit_code == 0  # an explicit PATH wins over --tree and the environment


def test_missing_tree_from_environment_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ICP_FAQ_TREE", str(tmp_path / "gone.yaml"))
    result = invoke("validate")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'gone.yaml'}: error: no such tree file\n"
