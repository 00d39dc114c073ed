"""Start-up of the installed ``icp-faq``, as whole processes, against floors and a peer.

What users run is the wheel, so by default this builds the wheel of the checkout
(``python -m build --wheel``, uncommitted changes included), installs it into a fresh
temporary venv (dependencies from the configured package index) together with the peer, the
tldr client, and times whole processes of the ``icp-faq`` console script. Each round runs
every row once, interleaved, so that load on the machine affects all of them alike:

- ``python -c pass``: the bare interpreter (ratios are to this);
- ``python -c 'import typer'``: the floor of our stack (``+typer ms`` is measured from it);
- ``python -c 'import typer, rich.console'``: the floor for rich text output;
- the peer, ``tldr --version`` and ``tldr --render PAGE`` (a local page: no network);
- every one-shot command of ``icp-faq``.

``--compare REV`` also builds the wheel of a git revision into a second venv and times the
same rows there in the same rounds (alternating which side goes first), so the table gives
before, after and the difference per command. A revision that still has the parsed-tree
cache (``63d11fb``) gets it warmed, with a private XDG_CACHE_HOME, by an untimed round.

Wall time, CPU time (user + system of the process) and, with ``--instructions``, the
instructions each row executes once under valgrind: the machine may be shared, and
instruction counts do not move with its load.

``--no-build`` measures the package already installed for ``--python`` (default: this
interpreter; its ``icp-faq`` script if there is one, else ``python -m icp_faq``); with
``--runs 1`` it is the quick mode the test suite uses.

    python benchmarks/startup.py [--runs 15] [--json] [--compare REV] [--instructions]
    python benchmarks/startup.py --no-build [--python PATH] [--runs 1]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PEER = "tldr"  # the peer's distribution and console script (pip install tldr)
BUDGET_MS = 5.0  # one-shot commands may not get slower than before by more than this

# Rows that are not icp-faq: (label, arguments after the interpreter).
REFERENCES: list[tuple[str, list[str]]] = [
    ("python -c pass", ["-c", "pass"]),
    ("python -c 'import typer'", ["-c", "import typer"]),
    ("python -c 'import typer, rich.console'", ["-c", "import typer, rich.console"]),
]
BARE, TYPER = REFERENCES[0][0], REFERENCES[1][0]

# The peer's rows: (label, arguments after its console script); PAGE is replaced by the path
# of a small page in tldr's format, written for the run.
PEER_ROWS: list[tuple[str, list[str]]] = [
    ("tldr --version", ["--version"]),
    ("tldr --render PAGE (text, to a pipe)", ["--render", "PAGE"]),
]

# icp-faq's rows: (label, arguments after the ``icp-faq`` console script).
COMMANDS: list[tuple[str, list[str]]] = [
    ("--version", ["--version"]),
    ("explain --format json", ["explain", "cancel-vs-deregister", "--format", "json"]),
    ("explain (text, to a pipe)", ["explain", "cancel-vs-deregister"]),
    ("explain --format markdown", ["explain", "cancel-vs-deregister", "--format", "markdown"]),
    ("list --format json", ["list", "--format", "json"]),
    ("list", ["list"]),
    ("search", ["search", "审核不通过网站还能访问吗"]),
    ("search --format json", ["search", "transfer rejected", "--format", "json"]),
    ("tree", ["tree"]),
    ("tree --format json", ["tree", "--format", "json"]),
    ("validate", ["validate"]),
]

PAGE = """\
# tar

> Archiving utility.
> Often combined with a compression method, such as `gzip` or `bzip2`.
> More information: <https://www.gnu.org/software/tar>.

- [c]reate an archive and write it to a [f]ile:

`tar cf {{path/to/target.tar}} {{path/to/file1 path/to/file2 ...}}`

- [c]reate a g[z]ipped archive and write it to a [f]ile:

`tar czf {{path/to/target.tar.gz}} {{path/to/file1 path/to/file2 ...}}`

- E[x]tract a (compressed) archive [f]ile into the current directory [v]erbosely:

`tar xvf {{path/to/source.tar[.gz|.bz2|.xz]}}`

- E[x]tract a (compressed) archive [f]ile into the target directory:

`tar xf {{path/to/source.tar[.gz|.bz2|.xz]}} {{[-C|--directory]}} {{path/to/directory}}`

- Lis[t] the contents of a tar [f]ile [v]erbosely:

`tar tvf {{path/to/source.tar}}`
"""


@dataclass
class Side:
    """One installation being measured: ``after`` (this checkout) or ``before`` (a revision)."""

    name: str
    label: str
    python: str
    script: list[str]
    env: dict[str, str]
    peer: list[str] | None = None
    versions: dict[str, str] = field(default_factory=dict)


def bin_dir(prefix: Path) -> Path:
    return prefix / ("Scripts" if os.name == "nt" else "bin")


def entry_point(python: str) -> list[str]:
    """The ``icp-faq`` console script next to ``python`` (what users run), else ``-m``."""
    script = Path(python).parent / ("icp-faq.exe" if os.name == "nt" else "icp-faq")
    return [str(script)] if script.exists() else [python, "-m", "icp_faq"]


def peer_script(python: str) -> list[str] | None:
    script = Path(python).parent / (f"{PEER}.exe" if os.name == "nt" else PEER)
    return [str(script)] if script.exists() else None


def quiet(argv: list[str], **kwargs: object) -> None:
    """Run a set-up step; on failure show its output and stop."""
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(argv)}")


def source_of(rev: str, tmp: Path) -> Path:
    """The files of git revision ``rev`` of this repository, in a new directory."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True, check=True
    ).stdout
    target = tmp / f"src-{rev}"
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(target, filter="data")
        else:  # pragma: no cover - Python without extraction filters
            archive.extractall(target)
    return target


def build_wheel(source: Path, outdir: Path) -> Path:
    """``python -m build --wheel`` of ``source``; the path of the wheel."""
    quiet([sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(source)])
    [wheel] = outdir.glob("icp_faq-*.whl")
    return wheel


def install(prefix: Path, packages: list[str]) -> str:
    """A fresh venv at ``prefix`` with ``packages``; its interpreter.

    The venv gets no pip (nor setuptools, whose ``.pth`` file would run at every start-up):
    this interpreter's pip installs into it, as in tests/test_packaging.py.
    """
    venv.create(prefix, with_pip=False)
    python = str(bin_dir(prefix) / ("python.exe" if os.name == "nt" else "python"))
    quiet([sys.executable, "-m", "pip", "--python", python, "install", "-q", *packages])
    return python


def versions(python: str) -> dict[str, str]:
    """Versions of the interpreter and of the packages that matter, as ``python`` sees them."""
    code = (
        "import importlib.metadata as m, json, platform\n"
        "out = {'python': platform.python_version()}\n"
        "for p in ('icp-faq', 'typer', 'rich', 'pyyaml', 'tldr'):\n"
        "    try: out[p] = m.version(p)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(out))"
    )
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, str] = json.loads(proc.stdout)
    return result


def clean_env(cache: Path) -> dict[str, str]:
    """The caller's environment, minus what would change what is measured."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ICP_FAQ_") and k not in ("PYTHONPATH", "PYTHONSTARTUP", "VIRTUAL_ENV")
    }
    # Installed packages have their bytecode compiled; a dev shell that sets
    # PYTHONDONTWRITEBYTECODE would make every run of a checkout recompile instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["XDG_CACHE_HOME"] = str(cache)  # private: only a revision with the old cache uses it
    return env


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process, in milliseconds; it must
    succeed. CPU time is what the process itself spent: it moves less than wall time when
    other jobs share the machine (NaN where ``os.wait4`` is missing)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        wall = (time.perf_counter() - start) * 1000
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        cpu = (usage.ru_utime + usage.ru_stime) * 1000
    else:  # pragma: no cover - Windows
        code = proc.wait()
        wall, cpu = (time.perf_counter() - start) * 1000, math.nan
    if code != 0:
        raise subprocess.CalledProcessError(code, argv)
    return wall, cpu


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """User-space instructions one whole process executes, counted by valgrind (callgrind).

    Unlike wall or CPU time this does not move with the machine's load (hash seed fixed), so
    it shows small differences between two versions that a busy machine hides in noise.
    """
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "PYTHONHASHSEED": "0"},
        check=True,
    )
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from valgrind: {proc.stderr[-500:]}")
    return int(found.group(1))


def count_all(sides: list[Side], plan: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Instructions of every row on every side, one valgrind run each, a few at a time."""
    jobs = [(s, label, argv) for s in sides for label, (_, argv) in plan[s.name].items()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = list(pool.map(lambda job: instructions(job[2], job[0].env), jobs))
    out: dict[str, dict[str, int]] = {s.name: {} for s in sides}
    for (side, label, _), count in zip(jobs, counts, strict=True):
        out[side.name][label] = count
    return out


def rows_of(side: Side, page: Path) -> list[tuple[str, str, list[str]]]:
    """Every ``(kind, label, argv)`` this side runs in a round."""
    rows = [("reference", label, [side.python, *args]) for label, args in REFERENCES]
    if side.peer is not None:
        for label, args in PEER_ROWS:
            argv = [*side.peer, *(str(page) if a == "PAGE" else a for a in args)]
            rows.append(("peer", label, argv))
    rows += [("icp-faq", label, [*side.script, *args]) for label, args in COMMANDS]
    return rows


def summary(samples: dict[str, list[tuple[float, float]]], label: str) -> dict[str, float]:
    """Median and minimum wall time, ratios to the bare interpreter, ms over ``import typer``,
    and the median CPU time, of one row on one side."""
    wall = [w for w, _ in samples[label]]
    bare = [w for w, _ in samples[BARE]]
    typer = [w for w, _ in samples[TYPER]]
    median = statistics.median(wall)
    return {
        "median_ms": round(median, 1),
        "min_ms": round(min(wall), 1),
        "ratio": round(median / statistics.median(bare), 2),
        "min_ratio": round(min(wall) / min(bare), 2),
        "over_typer_ms": round(median - statistics.median(typer), 1),
        "cpu_median_ms": round(statistics.median(c for _, c in samples[label]), 1),
    }


def measure(sides: list[Side], runs: int, page: Path, count: bool = False) -> dict[str, object]:
    """Warm up, run the interleaved rounds (and count instructions) and summarise per row and
    side."""
    plan = {
        side.name: {label: (kind, argv) for kind, label, argv in rows_of(side, page)}
        for side in sides
    }
    labels = list(plan[sides[0].name])  # the first side runs every row, the peer's too
    for side in sides:  # bytecode, and the old parsed-tree cache where there is one
        for _, argv in plan[side.name].values():
            timed(argv, side.env)
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {s.name: {} for s in sides}
    load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    for r in range(runs):
        order = sides if r % 2 == 0 else sides[::-1]  # neither side always goes first
        for label in labels:
            for side in order:
                if label in plan[side.name]:
                    argv = plan[side.name][label][1]
                    samples[side.name].setdefault(label, []).append(timed(argv, side.env))
    load_end = os.getloadavg() if hasattr(os, "getloadavg") else None
    counts = count_all(sides, plan) if count else None

    rows: list[dict[str, object]] = []
    for label in labels:
        row: dict[str, object] = {"command": label, "kind": plan[sides[0].name][label][0]}
        for side in sides:
            if label in samples[side.name]:
                row[side.name] = summary(samples[side.name], label)
                if counts is not None:
                    row[side.name]["instructions"] = counts[side.name][label]  # type: ignore[index]
        after, before = row.get("after"), row.get("before")
        if isinstance(after, dict) and isinstance(before, dict):
            for key in ("median_ms", "min_ms", "cpu_median_ms", "instructions"):
                if key in after:
                    row[f"diff_{key}"] = round(after[key] - before[key], 1)
        rows.append(row)
    per_ms = None
    if counts is not None:  # how many instructions a millisecond is here: import typer's
        mine, times = counts["after"], samples["after"]
        spent = min(w for w, _ in times[TYPER]) - min(w for w, _ in times[BARE])
        per_ms = round((mine[TYPER] - mine[BARE]) / spent) if spent > 0 else None
    return {
        "runs": runs,
        "load_average": {"start": load_start, "end": load_end, "cpus": os.cpu_count()},
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "sides": {
            s.name: {"label": s.label, "command": " ".join(s.script), "versions": s.versions}
            for s in sides
        },
        "budget_ms": BUDGET_MS,
        "instructions_per_ms": per_ms,
        "rows": rows,
    }


def slower(row: dict[str, Any], budget: float) -> bool:
    """An icp-faq command whose median and minimum both grew by more than ``budget`` ms."""
    return (
        row["kind"] == "icp-faq"
        and "diff_median_ms" in row
        and (min(row["diff_median_ms"], row["diff_min_ms"]) > budget)
    )


def table(result: dict[str, Any]) -> str:
    """The result as a fixed-width text table."""
    rows, sides, load = result["rows"], result["sides"], result["load_average"]
    compare = "before" in sides
    if compare:
        out = [
            f"{'':<40} {'median ms':^20} {'min ms':^20} {'cpu ms (median)':^20}  after:",
            f"{'command':<40}"
            + f" {'before':>6} {'after':>6} {'diff':>6}" * 3
            + f"  {'ratio':>6} {'min ratio':>9} {'+typer ms':>9}",
        ]
    else:
        out = [
            f"{'command':<40} {'median ms':>9} {'min ms':>7} {'cpu ms':>7}"
            f" {'ratio':>6} {'min ratio':>9} {'+typer ms':>9}"
        ]
    for r in rows:
        a = r["after"]
        tail = f" {a['ratio']:>5.2f}x {a['min_ratio']:>8.2f}x {a['over_typer_ms']:>9.1f}"
        if not compare:
            out.append(
                f"{r['command']:<40} {a['median_ms']:>9.1f} {a['min_ms']:>7.1f}"
                f" {a['cpu_median_ms']:>7.1f}{tail}"
            )
            continue
        b = r.get("before")
        cells = ""
        for key in ("median_ms", "min_ms", "cpu_median_ms"):
            if b is None:
                cells += f" {'':>6} {a[key]:>6.1f} {'':>6}"
            else:
                cells += f" {b[key]:>6.1f} {a[key]:>6.1f} {r['diff_' + key]:>+6.1f}"
        flag = f"  slower by > {result['budget_ms']:g} ms" if slower(r, result["budget_ms"]) else ""
        out.append(f"{r['command']:<40}{cells} {tail}{flag}")
    for name, side in sides.items():
        shown = ", ".join(f"{k} {v}" for k, v in side["versions"].items())
        out.append(f"{name}: {side['label']}: {side['command']} ({shown})")
    loads = ""
    if load["start"] is not None:
        loads = (
            f"; load average {load['start'][0]:.2f} at the start, {load['end'][0]:.2f} at the end"
        )
    out.append(
        f"{result['runs']} interleaved rounds on {load['cpus']} CPUs{loads}."
        " ratio = median / median of python -c pass; min ratio = min / min;"
        " +typer ms = median - median of import typer" + (" (the after side's)" if compare else "")
    )
    if result.get("instructions_per_ms"):
        out += ["", instruction_table(result)]
    return "\n".join(out)


def instruction_table(result: dict[str, Any]) -> str:
    """Instructions per row (millions), and the difference in estimated milliseconds."""
    per_ms = result["instructions_per_ms"]
    compare = "before" in result["sides"]
    out = [
        f"{'instructions (valgrind), millions':<40}"
        + (f" {'before':>8} {'after':>8} {'diff':>7} {'~ms':>6}" if compare else f" {'after':>8}")
    ]
    for r in result["rows"]:
        a, b = r["after"], r.get("before")
        line = f"{r['command']:<40}"
        if not compare:
            line += f" {a['instructions'] / 1e6:>8.1f}"
        elif b is None:
            line += f" {'':>8} {a['instructions'] / 1e6:>8.1f}"
        else:
            diff = r["diff_instructions"]
            line += (
                f" {b['instructions'] / 1e6:>8.1f} {a['instructions'] / 1e6:>8.1f}"
                f" {diff / 1e6:>+7.1f} {diff / per_ms:>+6.1f}"
            )
        out.append(line)
    out.append(
        f"~ms: the difference at {per_ms / 1e6:.2f} million instructions per ms, the rate at"
        " which import typer ran beyond python -c pass in this run (minimum times)"
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds (at least 1; 15+ to report)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--compare", metavar="REV", help="also build and time git revision REV")
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="measure the icp-faq installed for --python instead of building the checkout's wheel",
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter for --no-build")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count each row's instructions once with valgrind (slow, load-independent)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="icp-faq-startup-") as name:
        tmp = Path(name)
        page = tmp / "tar.md"
        page.write_text(PAGE, encoding="utf-8")
        sides = []
        if args.no_build:
            python = args.python
            after = Side("after", "installed", python, entry_point(python), clean_env(tmp / "c1"))
        else:
            wheel = build_wheel(ROOT, tmp / "dist-after")
            python = install(tmp / "venv-after", [str(wheel), PEER])
            label = f"checkout wheel ({wheel.name})"
            after = Side("after", label, python, entry_point(python), clean_env(tmp / "c1"))
        after.peer = peer_script(python)
        sides.append(after)
        if args.compare:
            wheel = build_wheel(source_of(args.compare, tmp), tmp / "dist-before")
            old = install(tmp / "venv-before", [str(wheel)])
            label = f"{args.compare} wheel"
            sides.append(Side("before", label, old, entry_point(old), clean_env(tmp / "c2")))
        for side in sides:
            side.versions = versions(side.python)
        result = measure(sides, max(args.runs, 1), page, args.instructions)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
