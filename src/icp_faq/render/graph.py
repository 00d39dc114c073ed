"""The decision tree as a graph: Mermaid (renders on GitHub) and Graphviz dot."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Lang, Tree

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def _names(tree: Tree) -> dict[str, str]:
    """A Mermaid-safe, unique name per node id (``q_``/``o_`` keep keywords like end away)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for node in tree.nodes:
        base = ("q_" if node.kind == "question" else "o_") + _UNSAFE.sub("_", node.id)
        name, n = base, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        names.setdefault(node.id, name)
    return names


def mermaid_label(text: str) -> str:
    """Text for a quoted Mermaid label: entity codes for ``#``, quotes and angle brackets."""
    text = " ".join(text.split())
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return f'"{text}"'


def mermaid(tree: Tree, lang: Lang) -> str:
    """A ``flowchart TD``: questions as rhombi, outcomes as rounded boxes, choices as edges."""
    names = _names(tree)
    out = ["flowchart TD"]
    for node in tree.nodes:
        name = names[node.id]
        if node.kind == "question":
            out.append(f"    {name}{{{mermaid_label(node.text.get(lang))}}}")
        else:
            out.append(f"    {name}({mermaid_label(node.title.get(lang))})")
    for q in tree.questions:
        for c in q.choices:
            target = names.get(c.next)
            if target is None:  # a dangling next: show it rather than drop the edge
                target = "missing_" + _UNSAFE.sub("_", c.next)
                out.append(f"    {target}[{mermaid_label('? ' + c.next)}]")
            out.append(f"    {names[q.id]} -->|{mermaid_label(c.label.get(lang))}| {target}")
    if tree.start in names:
        out.append(f"    classDef entry stroke-width:3px\n    class {names[tree.start]} entry")
    return "\n".join(out) + "\n"


def dot_string(text: str) -> str:
    """A double-quoted dot string with backslashes, quotes and newlines escaped."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def dot(tree: Tree, lang: Lang) -> str:
    """A Graphviz ``digraph``: diamonds for questions, boxes for outcomes."""
    out = [
        f"digraph {dot_string('icp-faq')} {{",
        "    rankdir=TB;",
        '    node [fontname="sans-serif"];',
        '    edge [fontname="sans-serif", fontsize=10];',
    ]
    known = {n.id for n in tree.nodes}
    for node in tree.nodes:
        if node.kind == "question":
            attrs = f"shape=diamond, label={dot_string(node.text.get(lang))}"
            if node.id == tree.start:
                attrs += ", penwidth=2"
        else:
            attrs = f"shape=box, style=rounded, label={dot_string(node.title.get(lang))}"
        out.append(f"    {dot_string(node.id)} [{attrs}];")
    for q in tree.questions:
        for c in q.choices:
            if c.next not in known:
                missing = dot_string("? " + c.next)
                out.append(f"    {dot_string(c.next)} [shape=plaintext, label={missing}];")
            edge = f"{dot_string(q.id)} -> {dot_string(c.next)}"
            out.append(f"    {edge} [label={dot_string(c.label.get(lang))}];")
    out.append("}")
    return "\n".join(out) + "\n"
