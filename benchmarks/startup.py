"""Start-up cost of the one-shot commands, as whole processes, against ``python -c pass``.

Each round runs ``python -c pass`` and then every command once, interleaved, so that load
on the machine affects all of them alike; the table gives median wall times and the ratio
to the bare interpreter. The parsed-tree cache is warmed first (a user's second run) and
is used by every timed command; ``--cold`` points XDG_CACHE_HOME at an empty directory
for every run instead.

    python benchmarks/startup.py [--runs 15] [--json] [--cold]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (label, arguments after ``python -m icp_faq``, target ratio or None)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("explain --format json", ["explain", "cancel-vs-deregister", "--format", "json"], 5.0),
    ("explain (text, to a pipe)", ["explain", "cancel-vs-deregister"], 8.0),
    (
        "explain --format markdown",
        ["explain", "cancel-vs-deregister", "--format", "markdown"],
        None,
    ),
    ("list --format json", ["list", "--format", "json"], 5.0),
    ("list", ["list"], None),
    ("search", ["search", "审核不通过网站还能访问吗"], 8.0),
    ("search --format json", ["search", "transfer rejected", "--format", "json"], None),
    ("tree", ["tree"], None),
    ("tree --format json", ["tree", "--format", "json"], None),
    ("validate", ["validate"], None),
]


# Floors for comparison: what the dependencies cost before icp-faq does anything.
REFERENCES: list[tuple[str, list[str]]] = [
    ("python -c 'import typer'", ["-c", "import typer"]),
    ("python -c 'import typer, rich.console'", ["-c", "import typer, rich.console"]),
]


def entry_point(python: str) -> list[str]:
    """The ``icp-faq`` console script next to ``python`` (what users run), else ``-m``."""
    script = Path(python).parent / ("icp-faq.exe" if os.name == "nt" else "icp-faq")
    return [str(script)] if script.exists() else [python, "-m", "icp_faq"]


def timed(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of one whole process, in milliseconds; it must succeed."""
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return (time.perf_counter() - start) * 1000


def measure(runs: int, cold: bool, python: str) -> dict[str, object]:
    """Run the interleaved rounds and return medians, ratios and targets."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        env.pop("ICP_FAQ_TREE", None)
        # Installed packages have their bytecode compiled; a dev shell that sets
        # PYTHONDONTWRITEBYTECODE would make every run recompile the sources instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = entry_point(python)
        timed([*base, "list"], env)  # write bytecode and warm the parsed-tree cache
        samples: dict[str, list[float]] = {"python -c pass": []}
        samples.update({label: [] for label, _ in REFERENCES})
        samples.update({label: [] for label, _, _ in COMMANDS})
        for i in range(runs):
            samples["python -c pass"].append(timed([python, "-c", "pass"], env))
            for label, args in REFERENCES:
                samples[label].append(timed([python, *args], env))
            for label, args, _ in COMMANDS:
                if cold:
                    env["XDG_CACHE_HOME"] = str(Path(tmp) / f"cold-{i}-{len(samples[label])}")
                samples[label].append(timed([*base, *args], env))
    bare = statistics.median(samples["python -c pass"])
    bare_min = min(samples["python -c pass"])
    typer_median = statistics.median(samples[REFERENCES[0][0]])
    rows = []
    for label, values in samples.items():
        target = next((t for name, _, t in COMMANDS if name == label), None)
        median = statistics.median(values)
        ratio = median / bare
        rows.append(
            {
                "command": label,
                "median_ms": round(median, 1),
                "min_ms": round(min(values), 1),
                "ratio": round(ratio, 2),
                "min_ratio": round(min(values) / bare_min, 2),
                "over_typer_ms": round(median - typer_median, 1),
                "target": target,
                "ok": None if target is None else ratio <= target,
            }
        )
    return {"runs": runs, "cold_cache": cold, "command": " ".join(base), "rows": rows}


def table(result: dict[str, object]) -> str:
    """The result as a fixed-width text table."""
    rows = result["rows"]
    assert isinstance(rows, list)
    out = [
        f"{'command':<40} {'median ms':>10} {'min ms':>8} {'ratio':>6} {'min ratio':>9}"
        f" {'+typer ms':>9}  target"
    ]
    for r in rows:
        target = (
            "" if r["target"] is None else f"<= {r['target']:g}x " + ("ok" if r["ok"] else "MISSED")
        )
        out.append(
            f"{r['command']:<40} {r['median_ms']:>10.1f} {r['min_ms']:>8.1f}"
            f" {r['ratio']:>5.2f}x {r['min_ratio']:>8.2f}x {r['over_typer_ms']:>9.1f}  {target}"
        )
    cache = "cold (empty cache every run)" if result["cold_cache"] else "warm"
    out.append(
        f"{result['runs']} interleaved rounds; parsed-tree cache: {cache}; ratio = median /"
        " median of python -c pass; min ratio = min / min; +typer ms = median - median of"
        " import typer"
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds (at least 1; 10+ to report)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--cold", action="store_true", help="empty cache for every run")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    args = parser.parse_args(argv)
    result = measure(max(args.runs, 1), args.cold, args.python)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
