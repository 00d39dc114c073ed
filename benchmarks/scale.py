"""How the commands grow with the tree: generated valid trees of 1,001 and 10,001 nodes.

The generated tree is a balanced binary decision tree (every question has two choices, so
there are no single-choice warnings), with one topic per ten nodes; it passes
``icp-faq validate --strict``. Every command reads it with ``--tree``, so every run parses
the YAML and validates the tree, as it does for any file given that way: ``validate
--strict``, ``list``, ``explain`` and ``search`` (all as JSON, so no rendering is timed) are
whole processes, interleaved round by round with ``icp-faq --version`` (start-up without a
tree) so that the part a tree adds can be read off.

    python benchmarks/scale.py [--sizes 1001 10001] [--runs 5] [--json] [--python PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def generate(nodes: int) -> str:
    """A valid tree with ``nodes`` questions and outcomes (odd counts keep it binary)."""
    nodes = max(nodes | 1, 3)
    questions = nodes // 2  # heap layout: node i asks, its answers lead to 2i+1 and 2i+2
    topics = max(nodes // 10, 2)
    name = [f"q{i}" if i < questions else f"o{i}" for i in range(nodes)]
    out = [
        "format: 1",
        "title: {zh: 生成的测试树, en: Generated test tree}",
        "start: q0",
        "topics:",
    ]
    for t in range(topics):
        out += [
            f"  - id: topic-{t}",
            f"    title: {{zh: {q(f'第{t}个问题是什么？')}, en: {q(f'What is question {t}?')}}}",
            "    answer:",
            f"      zh: {q(f'这是第{t}个回答。' * 4)}",
            f"      en: {q(f'This is answer number {t}. ' * 4)}",
            "    points:",
            f"      - {{zh: {q(f'要点{t}')}, en: {q(f'Point {t}')}}}",
            "    links:",
            "      - title: {zh: 示例, en: Example}",
            f"        url: https://example.com/{t}",
            f"    related: [topic-{(t + 1) % topics}]",
            f"    aliases: {{zh: [别名{t}], en: [alias {t}]}}",
            f"    source: {{title: {q(f'第{t}节')}, anchor: section_{t}}}",
        ]
    out.append("questions:")
    for i in range(questions):
        out += [
            f"  - id: {name[i]}",
            f"    text: {{zh: {q(f'问题{i}？')}, en: {q(f'Question {i}?')}}}",
            "    choices:",
        ]
        for k, child in enumerate((2 * i + 1, 2 * i + 2)):
            out += [
                f"      - id: c{k}",
                f"        label: {{zh: 选项{k}, en: Choice {k}}}",
                f"        next: {name[child]}",
            ]
    out.append("outcomes:")
    for i in range(questions, nodes):
        out += [
            f"  - id: {name[i]}",
            f"    title: {{zh: {q(f'结果{i}')}, en: {q(f'Outcome {i}')}}}",
            "    steps:",
            f"      - {{zh: {q(f'第一步{i}')}, en: {q(f'First step {i}')}}}",
            f"      - {{zh: {q(f'第二步{i}')}, en: {q(f'Second step {i}')}}}",
            f"    topics: [topic-{i % topics}]",
            "    links:",
            "      - title: {zh: 示例, en: Example}",
            f"        url: https://example.com/o{i}",
        ]
    return "\n".join(out) + "\n"


def command_line(python: str) -> list[str]:
    """The ``icp-faq`` console script next to ``python``, else ``python -m icp_faq``."""
    script = Path(python).parent / ("icp-faq.exe" if os.name == "nt" else "icp-faq")
    return [str(script)] if script.exists() else [python, "-m", "icp_faq"]


def commands(path: Path) -> dict[str, list[str]]:
    """What is timed on one tree file (arguments after ``icp-faq``)."""
    tree = ["--tree", str(path)]
    return {
        "validate --strict": ["validate", "--strict", *tree],
        "list": ["list", "--format", "json", *tree],
        "explain": ["explain", "topic-1", "--format", "json", *tree],
        "search": ["search", "What is question 7?", "--format", "json", *tree],
    }


COLUMNS = ["validate --strict", "list", "explain", "search"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process; it must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
    else:  # pragma: no cover - Windows
        code = proc.wait()
        wall, cpu = time.perf_counter() - start, math.nan
    if code != 0:
        raise subprocess.CalledProcessError(code, argv)
    return wall, cpu


def measure(sizes: list[int], runs: int, python: str) -> dict[str, Any]:
    """Generate each tree, then time every command on every tree, interleaved by round."""
    base = command_line(python)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ICP_FAQ_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with compiled bytecode
    with tempfile.TemporaryDirectory() as tmp:
        plan: dict[tuple[int, str], list[str]] = {(0, "start-up"): [*base, "--version"]}
        info = []
        for size in sizes:
            path = Path(tmp) / f"tree-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            info.append({"nodes": max(size | 1, 3), "bytes": path.stat().st_size})
            for label, args in commands(path).items():
                plan[size, label] = [*base, *args]
        for argv in plan.values():  # bytecode; a broken command stops here
            timed(argv, env)
        samples: dict[tuple[int, str], list[tuple[float, float]]] = {k: [] for k in plan}
        for _ in range(runs):
            for key, argv in plan.items():
                samples[key].append(timed(argv, env))

    def summary(key: tuple[int, str]) -> dict[str, float]:
        wall = [w for w, _ in samples[key]]
        return {
            "median_s": round(statistics.median(wall), 3),
            "min_s": round(min(wall), 3),
            "cpu_median_s": round(statistics.median(c for _, c in samples[key]), 3),
        }

    rows = []
    for size, row in zip(sizes, info, strict=True):
        row.update({label: summary((size, label)) for label in COLUMNS})
        rows.append(row)
    return {
        "runs": runs,
        "command": " ".join(base),
        "startup": summary((0, "start-up")),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "rows": rows,
    }


def table(result: dict[str, Any]) -> str:
    """Medians (and minimums) per command and size, with growth against the smallest tree."""
    rows = result["rows"]
    out = [f"{'nodes':>7} {'MiB':>5} " + " ".join(f"{c:>26}" for c in COLUMNS)]
    first = rows[0]
    for r in rows:
        cells = []
        for c in COLUMNS:
            growth = r[c]["median_s"] / first[c]["median_s"] if first[c]["median_s"] else 0.0
            cells.append(f"{r[c]['median_s']:>7.3f}s ({r[c]['min_s']:.3f}) {growth:>5.1f}x")
        out.append(
            f"{r['nodes']:>7} {r['bytes'] / 2**20:>5.2f} " + " ".join(f"{c:>26}" for c in cells)
        )
    start = result["startup"]
    load = result["load_average"]
    out.append(
        f"median (min) of {result['runs']} interleaved rounds, growth of the median against the"
        f" smallest tree; start-up alone (icp-faq --version): {start['median_s']:.3f}s"
        f" ({start['min_s']:.3f})" + ("" if load is None else f"; load average {load[0]:.2f}")
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1001, 10001])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    args = parser.parse_args(argv)
    result = measure(args.sizes, max(args.runs, 1), args.python)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
