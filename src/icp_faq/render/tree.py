"""``icp-faq tree`` in a terminal: the decision tree from its start, as an indented outline.

Built with a loop, not recursion, so a chain of thousands of questions renders; the indent
stops growing after ``MAX_LEVELS`` levels, so deep branches stay readable at any width. A
node reached a second time is shown once and then referred to by its id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from ._labels import explain_command, label
from .layout import COMMAND, DIM, HEADING, TITLE, Hanging, Trimmed, Wrapped, inline

if TYPE_CHECKING:
    from ..model import Choice, Lang, Node, Tree

MAX_LEVELS = 12  # deeper than this, lines keep the same indent


def _node_label(node: Node, lang: Lang, *, ref: bool = False) -> Text:
    if node.kind == "question":
        text = Text("? ", "bold magenta")
        text.append(node.text.get(lang), HEADING)
    else:
        text = Text("✔ ", "bold green") if node.covered else Text("○ ", "bold yellow")
        text.append(node.title.get(lang), HEADING)
    text.append(f"  [{node.id}]", DIM)
    if ref:
        text.append(f" ({label('see_above', lang)})", DIM)
    return text


def tree_renderable(tree: Tree, lang: Lang) -> RenderableType:
    """The decision tree: questions, their choices (with the ids ``--answer`` takes), and
    the outcomes with their steps and topics."""
    lines: list[RenderableType] = [Wrapped(Text(tree.title.get(lang), TITLE))]

    def add(level: int, body: RenderableType, marker: str = "", width: int = 2) -> None:
        indent = 2 * min(level, MAX_LEVELS)
        if marker:
            lines.append(Hanging(" " * indent + marker, body, indent + width))
        else:
            lines.append(Hanging("", body, indent) if indent else body)

    seen: set[str] = set()
    # (level, node id, None) for a node; (level, "", choice) for a choice line before it.
    stack: list[tuple[int, str, Choice | None]] = [(0, tree.start, None)]
    while stack:
        level, node_id, choice = stack.pop()
        if choice is not None:
            text = Text(choice.id, DIM)
            text.append(" · ")
            text.append(choice.label.get(lang), "yellow")
            add(level, Wrapped(text), "↳", 2)
            continue
        node = tree.node(node_id)
        if node is None:
            add(level, Text(f"? {node_id}", "red"))
            continue
        if node_id in seen:
            add(level, Wrapped(_node_label(node, lang, ref=True)))
            continue
        seen.add(node_id)
        add(level, Wrapped(_node_label(node, lang)))
        if node.kind == "question":
            for c in reversed(node.choices):
                stack += [(level + 2, c.next, None), (level + 1, "", c)]
        else:
            width = len(str(len(node.steps))) + 2
            for i, step in enumerate(node.steps, 1):
                add(level + 1, Wrapped(inline(step.get(lang))), f"{i}.", width)
            for t in node.topics:
                add(level + 1, Wrapped(Text(f"→ {explain_command(t)}", COMMAND)))
    return Trimmed(Group(*lines))
