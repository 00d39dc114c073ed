"""How well ``icp-faq search`` answers a labelled question set, per language.

    python benchmarks/search_eval.py PATH.yaml [--json] [--tree TREE] [--cli] [--misses]

PATH.yaml is a list of items as in ``tests/data/search_real_tuning.yaml``: ``id``, ``lang``
(zh|en), ``q``, ``expect`` (a topic id, or ``outside``), optional ``also`` (other acceptable
topic ids) and, for outside items, ``subject``. For each language and overall it reports:

* in-scope: **top-1** (the first confident hit is the expected topic, or one in ``also``),
  **top-3** (one of the first three confident hits is), and **wrongly declined** (search
  said the FAQ does not cover it: exit 1);
* out-of-scope: **declined** (exit 1, the behaviour wanted);
* all questions: **answered wrongly** (a confident answer whose first topic is wrong, or any
  confident answer to a question the FAQ does not cover): the worst thing search can print.

A declined in-scope question counts as a miss for top-1 and top-3 too: the user was told
"not covered". By default the queries run in-process through the same function the
``search`` command calls; ``--cli`` runs the real command (``python -m icp_faq search
--format json``) once per item and reads its exit code instead (slower, the same result).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 3


def load_items(path: Path) -> list[dict[str, Any]]:
    """The items of a question set, checked for the keys this script needs."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise SystemExit(f"{path}: expected a list of items")
    for i, item in enumerate(items, 1):
        missing = [k for k in ("lang", "q", "expect") if k not in item]
        if missing:
            raise SystemExit(f"{path}: item {i} lacks {', '.join(missing)}")
    return items


def in_process(tree_path: str | None) -> Any:
    """A function ``query -> (ids of the confident hits, declined)``, in-process."""
    sys.path.insert(0, str(ROOT / "src"))
    from icp_faq.search import answer
    from icp_faq.trees import open_tree

    tree = open_tree(tree_path)

    def run(query: str) -> tuple[list[str], bool]:
        found = answer(tree, query, LIMIT)
        return [h.item.id for h in (found.hits or found.perhaps)], not found.covered

    return run


def via_cli(tree_path: str | None) -> Any:
    """The same, through the real command: its JSON and its exit code."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("ICP_FAQ_TREE", None)
    extra = ["--tree", tree_path] if tree_path else []

    def run(query: str) -> tuple[list[str], bool]:
        argv = [sys.executable, "-m", "icp_faq", "search", "--format", "json"]
        argv += ["--limit", str(LIMIT), *extra, "--", query]
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        if done.returncode not in (0, 1):
            raise SystemExit(f"search exited {done.returncode} for {query!r}: {done.stderr}")
        ids = [hit["id"] for hit in json.loads(done.stdout or "[]")]
        return (ids, True) if done.returncode == 1 else (ids, False)

    return run


def evaluate(items: list[dict[str, Any]], run: Any) -> dict[str, Any]:
    """Figures per language and overall, and the misses."""
    groups: dict[str, dict[str, int]] = {}
    misses: list[dict[str, Any]] = []
    for item in items:
        ids, declined = run(str(item["q"]))
        inside = item["expect"] != "outside"
        for key in (item["lang"], "all"):
            g = groups.setdefault(
                key,
                {
                    "in_scope": 0,
                    "top1": 0,
                    "top3": 0,
                    "wrongly_declined": 0,
                    "out_of_scope": 0,
                    "declined": 0,
                    "questions": 0,
                    "confidently_wrong": 0,
                },
            )
            g["questions"] += 1
            if inside:
                good = {item["expect"], *(item.get("also") or ())}
                g["in_scope"] += 1
                g["confidently_wrong"] += not declined and not (ids[:1] and ids[0] in good)
                shown = [] if declined else ids
                g["top1"] += bool(shown[:1] and shown[0] in good)
                g["top3"] += bool(good & set(shown[:3]))
                g["wrongly_declined"] += declined
            else:
                g["out_of_scope"] += 1
                g["declined"] += declined
                g["confidently_wrong"] += not declined
        if inside:
            good = {item["expect"], *(item.get("also") or ())}
            ok = not declined and ids[:1] and ids[0] in good
        else:
            ok = declined
        if not ok:
            misses.append(
                {
                    "id": item.get("id", ""),
                    "lang": item["lang"],
                    "q": " ".join(str(item["q"]).split()),
                    "expect": item["expect"],
                    "subject": item.get("subject", ""),
                    "got": ids,
                    "declined": declined,
                }
            )
    for g in groups.values():
        n_in, n_out = g["in_scope"] or 1, g["out_of_scope"] or 1
        g["top1_pct"] = round(100 * g["top1"] / n_in, 1)
        g["top3_pct"] = round(100 * g["top3"] / n_in, 1)
        g["wrongly_declined_pct"] = round(100 * g["wrongly_declined"] / n_in, 1)
        g["declined_pct"] = round(100 * g["declined"] / n_out, 1)
        g["confidently_wrong_pct"] = round(100 * g["confidently_wrong"] / (g["questions"] or 1), 1)
    order = [k for k in ("zh", "en", "all") if k in groups]
    return {"groups": {k: groups[k] for k in order}, "misses": misses}


def table(result: dict[str, Any], show_misses: bool) -> str:
    """The figures as a text table, then the misses."""
    groups = result["groups"]
    keys = list(groups)
    rows = [
        ("in-scope questions", "in_scope", None),
        ("  top-1", "top1", "top1_pct"),
        ("  top-3", "top3", "top3_pct"),
        ("  wrongly declined", "wrongly_declined", "wrongly_declined_pct"),
        ("out-of-scope questions", "out_of_scope", None),
        ("  declined (exit 1)", "declined", "declined_pct"),
        ("all questions", "questions", None),
        ("  answered wrongly", "confidently_wrong", "confidently_wrong_pct"),
    ]
    out = [f"{'':<24}" + "".join(f"{k:>16}" for k in keys)]
    for label, count, pct in rows:
        cells = []
        for k in keys:
            g = groups[k]
            cells.append(f"{g[count]:>16}" if pct is None else f"{g[count]:>7} ({g[pct]:5.1f}%)")
        out.append(f"{label:<24}" + "".join(cells))
    if show_misses:
        out.append("")
        out.append(f"misses ({len(result['misses'])}):")
        for m in result["misses"]:
            what = "declined" if m["declined"] else ", ".join(m["got"]) or "-"
            want = m["expect"] + (f" ({m['subject']})" if m["subject"] else "")
            out.append(f"  {m['id']} [{m['lang']}] want {want}; got {what}: {m['q'][:120]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the question set (YAML)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--tree", help="tree file to search (default: the packaged tree)")
    parser.add_argument("--cli", action="store_true", help="run the real command per item")
    parser.add_argument("--no-misses", action="store_true", help="figures only")
    args = parser.parse_args(argv)
    items = load_items(args.path)
    run = via_cli(args.tree) if args.cli else in_process(args.tree)
    result = evaluate(items, run)
    result["path"] = str(args.path)
    result["items"] = len(items)
    print(
        json.dumps(result, ensure_ascii=False, indent=2)
        if args.json
        else table(result, not args.no_misses)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
