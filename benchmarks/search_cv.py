"""Cross-validation of ``search``'s decision thresholds on labelled question sets.

    python benchmarks/search_cv.py [PATH.yaml ...] [--folds 5] [--repeats 3] [--json]

Search declines a question by three thresholds (``search/decide.py``): ``MIN_COVERAGE`` (the
share of the question the best topic must explain), ``NEAR_MARGIN`` (how close a neighbour
may score) and ``MIN_BEYOND`` (how much of the question neighbours may name with words no
topic uses). Choosing them by the figures of the same questions they are reported on
overstates how well they do on new ones. This script shows what choosing costs:

* **k-fold**: the questions of all PATHs (default: both real files) are split into
  ``--folds`` parts (in and out of scope spread evenly, ``--repeats`` shuffles); for each
  part the thresholds that do best on the other parts are chosen and the part is scored with
  them. The out-of-fold figures add up those scores: an estimate for questions the choice
  did not see (the content of the tree stays as it is: it was written with all of them);
* **file to file** (two PATHs or more): thresholds chosen on one file, scored on each other;
* the figures of the thresholds in the code, on all the questions.

"Best" is in-scope top-1 plus out-of-scope declined, less twice any share of in-scope
questions wrongly declined above 5 %. Labels and figures as in ``search_eval.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

import search_eval  # noqa: E402

from icp_faq.search import decide  # noqa: E402
from icp_faq.search import index as engine  # noqa: E402
from icp_faq.search.query import answer as query_answer  # noqa: E402
from icp_faq.trees import open_tree  # noqa: E402

GRID = {
    "MIN_COVERAGE": (0.2, 0.3, 0.4),
    "NEAR_MARGIN": (0.8, 0.85, 0.9, 0.95),
    "MIN_BEYOND": (0.05, 0.1, 0.15, 0.2),
}
KEYS = tuple(GRID)
Params = tuple[float, ...]


RANK = engine.Index.rank


def runner(tree_path: str | None) -> Any:
    """``(params) -> (query -> (ids, declined))``: ranking is done once per query, only the
    decision is made again for each choice of thresholds (``main`` puts ``rank`` back)."""
    tree = open_tree(tree_path)
    ranked: dict[tuple[int, str], Any] = {}

    def cached(self: engine.Index, query: str) -> list[Any]:
        key = (id(self), query)
        if key not in ranked:
            ranked[key] = (self, RANK(self, query))  # the index is kept: its id stays its own
        return list(ranked[key][1])  # the decision may reorder the list it gets: a copy

    engine.Index.rank = cached  # type: ignore[method-assign]

    def with_params(params: Params) -> Any:
        def run(query: str) -> tuple[list[str], bool]:
            saved = [getattr(decide, k) for k in KEYS]
            for k, v in zip(KEYS, params, strict=True):
                setattr(decide, k, v)
            try:
                found = query_answer(tree, query, search_eval.LIMIT)
            finally:
                for k, v in zip(KEYS, saved, strict=True):
                    setattr(decide, k, v)
            return [h.item.id for h in (found.hits or found.perhaps)], not found.covered

        return run

    return with_params


def score(groups: dict[str, Any]) -> float:
    g = groups["all"]
    top1 = g["top1"] / max(g["in_scope"], 1)
    declined = g["declined"] / max(g["out_of_scope"], 1)
    wrong = g["wrongly_declined"] / max(g["in_scope"], 1)
    return top1 + declined - 2 * max(0.0, wrong - 0.05)


def figures(items: list[dict[str, Any]], run: Any) -> dict[str, int]:
    g = search_eval.evaluate(items, run)["groups"]["all"]
    keys = ("in_scope", "top1", "top3", "wrongly_declined", "out_of_scope", "declined")
    return {k: g[k] for k in keys}


def folds(items: list[dict[str, Any]], k: int, seed: int) -> list[list[dict[str, Any]]]:
    rnd = random.Random(seed)
    inside = [i for i in items if i["expect"] != "outside"]
    outside = [i for i in items if i["expect"] == "outside"]
    rnd.shuffle(inside)
    rnd.shuffle(outside)
    parts: list[list[dict[str, Any]]] = [[] for _ in range(k)]
    for j, item in enumerate(inside + outside):
        parts[j % k].append(item)
    return parts


def best(items: list[dict[str, Any]], with_params: Any, grid: list[Params]) -> Params:
    return max(grid, key=lambda p: score(search_eval.evaluate(items, with_params(p))["groups"]))


def add(total: dict[str, int], part: dict[str, int]) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


def line(f: dict[str, int]) -> str:
    def pct(a: str, b: str) -> str:
        return f"{f[a]}/{f[b]} ({100 * f[a] / max(f[b], 1):.0f} %)"

    return (
        f"top-1 {pct('top1', 'in_scope')}, top-3 {pct('top3', 'in_scope')}, wrongly declined"
        f" {pct('wrongly_declined', 'in_scope')}, out of scope declined"
        f" {pct('declined', 'out_of_scope')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="question sets (default: both real)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--tree", help="tree file to search (default: the packaged tree)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    paths = args.paths or [DATA / "search_real_tuning.yaml", DATA / "search_real_heldout.yaml"]
    sets = {p.name: search_eval.load_items(p) for p in paths}
    try:
        return report(sets, args)
    finally:
        engine.Index.rank = RANK  # type: ignore[method-assign]


def report(sets: dict[str, list[dict[str, Any]]], args: argparse.Namespace) -> int:
    items = [item for s in sets.values() for item in s]
    grid: list[Params] = list(itertools.product(*GRID.values()))
    with_params = runner(args.tree)
    current: Params = tuple(getattr(decide, k) for k in KEYS)

    out: dict[str, Any] = {"thresholds": dict(zip(KEYS, current, strict=True))}
    out["all, thresholds in the code"] = figures(items, with_params(current))
    total: dict[str, int] = {}
    chosen: dict[str, int] = {}
    for repeat in range(max(args.repeats, 1)):
        parts = folds(items, max(args.folds, 2), repeat)
        for i, part in enumerate(parts):
            train = [x for j, p in enumerate(parts) if j != i for x in p]
            params = best(train, with_params, grid)
            chosen[str(params)] = chosen.get(str(params), 0) + 1
            add(total, figures(part, with_params(params)))
    out["out-of-fold, thresholds chosen in-fold"] = total
    out["chosen (MIN_COVERAGE, NEAR_MARGIN, MIN_BEYOND): times"] = chosen
    for (a, left), (b, right) in itertools.permutations(sets.items(), 2):
        params = best(left, with_params, grid)
        out[f"chosen on {a} {params}, scored on {b}"] = figures(right, with_params(params))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            shown = line(value) if isinstance(value, dict) and "top1" in value else value
            print(f"{key}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
