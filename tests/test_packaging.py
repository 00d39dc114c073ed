"""The tree ships in the wheel and is found from anywhere; --tree and ICP_FAQ_TREE pick another.

The wheel tests are marked ``slow`` (about 10-15 s: build, fresh venv, install); they still run
in the default suite, which is what CI runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT, SCHEMA, SHIPPED
from icp_faq import __version__
from icp_faq.cli import app
from icp_faq.config import PACKAGE_TREE, packaged_tree, tree_path

MINIMAL = DATA / "minimal.yaml"
BROKEN = DATA / "broken" / "not-https.yaml"
runner = CliRunner()


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
        assert {"icp_faq/data/icp-access.yaml", "icp_faq/data/schema.json"} <= names
        assert zf.read("icp_faq/data/icp-access.yaml") == SHIPPED.read_bytes()
        assert zf.read("icp_faq/data/schema.json") == SCHEMA.read_bytes()
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        assert "icp-faq = icp_faq.cli:main" in zf.read(entry_points).decode()
        assert not any(n.startswith(("tests/", "faq/")) for n in names)


@pytest.mark.slow
def test_installed_wheel_validates_its_tree_from_another_directory(
    installed: Path, tmp_path: Path
) -> None:
    proc = _run([_bin(installed, "icp-faq"), "validate", "--strict"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    shipped = Path(proc.stderr.split(": ok: ")[0])
    assert shipped.name == PACKAGE_TREE and shipped.is_file()
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


def test_editable_install_finds_the_checkout_tree() -> None:
    """This test run uses the editable install: the tree comes from the checkout's faq/."""
    path = packaged_tree()
    assert path.is_file()
    assert path.read_bytes() == SHIPPED.read_bytes()


def test_editable_install_validates_from_another_directory(tmp_path: Path) -> None:
    proc = _run([sys.executable, "-m", "icp_faq", "validate", "--strict"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"{PACKAGE_TREE}: ok: 8 topics" in proc.stderr


def test_tree_path_prefers_option_then_environment_then_package() -> None:
    assert tree_path("a.yaml", {"ICP_FAQ_TREE": "b.yaml"}) == Path("a.yaml")
    assert tree_path(None, {"ICP_FAQ_TREE": "b.yaml"}) == Path("b.yaml")
    assert tree_path(None, {"ICP_FAQ_TREE": ""}) == packaged_tree()
    assert tree_path(None, {}) == packaged_tree()


def test_validate_uses_icp_faq_tree_and_tree_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ICP_FAQ_TREE", str(BROKEN))
    by_env = runner.invoke(app, ["validate"])
    assert by_env.exit_code == 3
    assert by_env.stdout.startswith(f"{BROKEN}:14:14: error: ")
    by_option = runner.invoke(app, ["validate", "--tree", str(MINIMAL)])
    assert by_option.exit_code == 0
    assert by_option.stderr.startswith(f"{MINIMAL}: ok: ")
    by_argument = runner.invoke(app, ["validate", str(MINIMAL), "--tree", str(BROKEN)])
    assert by_argument.exit_code == 0  # an explicit PATH wins over --tree and the environment


def test_missing_tree_from_environment_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ICP_FAQ_TREE", str(tmp_path / "gone.yaml"))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'gone.yaml'}: error: no such tree file\n"
