"""How validate and explain grow with the tree: generated valid trees of 1,000 and 10,000 nodes.

The generated tree is a balanced binary decision tree (every question has two choices, so
there are no single-choice warnings), with one topic per ten nodes; it passes
``icp-faq validate --strict``. ``explain`` is timed cold (first run: the YAML is parsed and
the parsed-tree cache written) and warm (later runs read the cache).

    python benchmarks/scale.py [--sizes 1001 10001] [--runs 3] [--json]
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

TARGETS = {"validate": 1.5, "explain (warm)": 0.3}


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


def timed(argv: list[str], env: dict[str, str]) -> float:
    """Seconds for one whole process; it must succeed."""
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def measure(sizes: list[int], runs: int, python: str) -> dict[str, object]:
    """Generate each tree and time validate, cold explain and warm explain on it."""
    rows = []
    base = [python, "-m", "icp_faq"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for size in sizes:
            path = Path(tmp) / f"tree-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            explain = [*base, "explain", "topic-1", "--format", "json", "--tree", str(path)]
            times: dict[str, list[float]] = {
                "validate": [],
                "explain (cold)": [],
                "explain (warm)": [],
            }
            for r in range(runs):
                env["XDG_CACHE_HOME"] = str(Path(tmp) / f"cache-{size}-{r}")
                times["validate"].append(timed([*base, "validate", "--strict", str(path)], env))
                times["explain (cold)"].append(timed(explain, env))
                times["explain (warm)"].append(timed(explain, env))
            row: dict[str, object] = {"nodes": size | 1, "bytes": path.stat().st_size}
            row.update({k: round(statistics.median(v), 3) for k, v in times.items()})
            rows.append(row)
    return {"runs": runs, "targets_s": TARGETS, "rows": rows}


def table(result: dict[str, object]) -> str:
    """The result as a fixed-width table, with growth against the smallest tree."""
    rows = result["rows"]
    assert isinstance(rows, list)
    cols = ["validate", "explain (cold)", "explain (warm)"]
    out = [f"{'nodes':>7} {'MiB':>6} " + " ".join(f"{c:>16}" for c in cols)]
    first = rows[0]
    for r in rows:
        cells = []
        for c in cols:
            growth = r[c] / first[c] if first[c] else 0
            cells.append(f"{r[c]:>7.3f}s ({growth:>4.1f}x)")
        out.append(f"{r['nodes']:>7} {r['bytes'] / 2**20:>6.2f} " + " ".join(cells))
    out.append(
        f"median of {result['runs']}; targets at the largest size: validate <= 1.5 s, "
        "explain <= 0.3 s"
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1001, 10001])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)
    result = measure(args.sizes, max(args.runs, 1), args.python)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
