"""Terminal text via rich renderables: explain's topic view and the decision tree.

The answers use a tiny Markdown subset ("- " bullets, **bold**, blank-line paragraphs);
it is rendered here with rich ``Text`` so that ``rich.markdown`` (about 150 ms to import)
never loads on a one-shot path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ._labels import colon, explain_command, label

if TYPE_CHECKING:
    from rich.tree import Tree as RichTree

    from ..model import Lang, Link, Node, Topic, Tree

_BOLD = re.compile(r"\*\*(.+?)\*\*")
HEADING = Style(bold=True)
TITLE = Style(bold=True, color="cyan")
COMMAND = Style(color="green")
DIM = Style(dim=True)


class Hanging:
    """A renderable with a marker on its first line and the rest indented under it."""

    def __init__(self, marker: str, body: RenderableType, indent: int = 2) -> None:
        self.marker = marker
        self.body = body
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.indent, 8)
        lines = console.render_lines(self.body, options.update(width=width), pad=False)
        lead = self.marker.ljust(self.indent - 1) + " " if self.marker else " " * self.indent
        for i, line in enumerate(lines):
            yield Segment(lead if i == 0 else " " * self.indent)
            yield from line
            yield Segment.line()


class Trimmed:
    """Any renderable, with the spaces rich leaves at the end of wrapped lines removed."""

    def __init__(self, body: RenderableType) -> None:
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in Segment.split_lines(console.render(self.body, options)):
            while line and not line[-1].control and not line[-1].text.rstrip(" "):
                line.pop()
            if line and not line[-1].control:
                last = line[-1]
                line[-1] = Segment(last.text.rstrip(" "), last.style)
            yield from line
            yield Segment.line()


# Chinese line-breaking rules (kinsoku): these never start a line, those never end one.
NO_START = set("，。、；：？！）】》」』”’〉…—·%,.;:?!)]}")
NO_END = set("（【《「『“‘〈([{")
_ATOM = re.compile(
    r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]+"
)


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` to fit ``width`` cells: at spaces, between Chinese characters
    (never before closing or after opening punctuation), and inside over-long words."""
    offsets: list[int] = []
    atoms = [(m.start(), m.group()) for m in _ATOM.finditer(text)]
    line_start, used = 0, 0
    i = 0
    while i < len(atoms):
        start, atom = atoms[i]
        cells = cell_len(atom)
        if atom.isspace():
            used += cells
            i += 1
            continue
        if used + cells <= width or start == line_start:
            if cells > width:  # a word longer than a line: fold it
                for j, ch in enumerate(atom):
                    w = cell_len(ch)
                    if used + w > width and start + j > line_start:
                        offsets.append(start + j)
                        line_start, used = start + j, 0
                    used += w
            else:
                used += cells
            i += 1
            continue
        # Break before this atom, or earlier if the rules forbid breaking here.
        k = i
        while (
            k > 0
            and atoms[k][0] > line_start
            and (atoms[k][1][0] in NO_START or atoms[k - 1][1][-1] in NO_END)
        ):
            k -= 1
        if atoms[k][0] <= line_start:
            k = i  # no allowed break on this line: break here after all
        while k < len(atoms) and atoms[k][1].isspace():
            k += 1
        line_start = atoms[k][0] if k < len(atoms) else len(text)
        offsets.append(line_start)
        used, i = 0, k
    return offsets


class Wrapped:
    """Rich ``Text`` wrapped by ``break_offsets``: Chinese lines never start with a comma."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = self.text.plain
        for line in self.text.divide(break_offsets(plain, options.max_width)):
            lead = len(line.plain) - len(line.plain.lstrip())
            line = line[lead:]
            line.rstrip()
            # Text.render leaves the base style to its caller when there are no spans.
            base = console.get_style(line.style) if line.style else None
            yield from Segment.apply_style(line.render(console), base)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


def inline(text: str, style: Style | None = None) -> Text:
    """One line of the Markdown subset as rich Text: ``**bold**`` becomes bold."""
    out = Text(style=style or "")
    pos = 0
    for m in _BOLD.finditer(text):
        out.append(text[pos : m.start()])
        out.append(m.group(1), HEADING)
        pos = m.end()
    out.append(text[pos:])
    return out


def markdown_blocks(source: str) -> list[RenderableType]:
    """Paragraphs and "- " bullets of the Markdown subset, one renderable per line."""
    blocks: list[RenderableType] = []
    gap = False
    for raw in source.split("\n"):
        line = raw.strip()
        if not line:
            gap = bool(blocks)
            continue
        if gap:
            blocks.append(Text())
            gap = False
        if line.startswith(("- ", "* ")):
            blocks.append(Hanging("•", Wrapped(inline(line[2:].strip()))))
        else:
            blocks.append(Wrapped(inline(line)))
    return blocks


def _section(title: str, items: Iterable[RenderableType]) -> list[RenderableType]:
    body = list(items)
    if not body:
        return []
    return [Text(), Text(title, HEADING), *body]


def link_renderable(link: Link, lang: Lang) -> RenderableType:
    """A link's title and its URL, both clickable where the terminal supports it."""
    style = Style(link=link.url)
    title = Wrapped(Text(link.title.get(lang) or link.url, style))
    return Hanging("•", Group(title, Wrapped(Text(link.url, style + DIM))))


def topic_renderable(topic: Topic, lang: Lang, *, tree: Tree | None = None) -> RenderableType:
    """Everything about one topic: title, answer, key points, links, related, source.

    Args:
        topic: the topic to show.
        lang: the language to show it in (the other one fills gaps).
        tree: when given, related topics are shown with their titles, not only their ids.
    """
    parts: list[RenderableType] = [Wrapped(Text(topic.title.get(lang), TITLE)), Text()]
    parts.extend(markdown_blocks(topic.answer.get(lang)))
    parts += _section(
        label("points", lang), (Hanging("•", Wrapped(inline(p.get(lang)))) for p in topic.points)
    )
    parts += _section(label("links", lang), (link_renderable(k, lang) for k in topic.links))
    related: list[RenderableType] = []
    for rid in topic.related:
        other = tree.topic(rid) if tree is not None else None
        command = Text(explain_command(rid), COMMAND)
        if other is None:
            related.append(Hanging("•", Wrapped(command)))
        else:
            title = Wrapped(Text(other.title.get(lang)))
            related.append(Hanging("•", Group(title, Wrapped(command))))
    parts += _section(label("related", lang), related)
    source = Text(label("source", lang) + colon(lang), DIM)
    source.append(topic.source.title)
    source.append(f" (#{topic.source.anchor})", DIM)
    parts += [Text(), Wrapped(source)]
    return Trimmed(Group(*parts))


def tree_renderable(tree: Tree, lang: Lang) -> RenderableType:
    """The decision tree from its start: questions, their choices, and the outcomes reached.

    A node reached a second time is shown once and then referred to, so shared outcomes
    and loops cannot make the output grow without bound.
    """
    from rich.tree import Tree as RichTree

    root = RichTree(Text(tree.title.get(lang), TITLE), guide_style=DIM)
    seen: set[str] = set()

    def add(parent: RichTree, node_id: str) -> None:
        node = tree.node(node_id)
        if node is None:
            parent.add(Text(f"? {node_id}", "red"))
            return
        if node_id in seen:
            parent.add(Wrapped(_node_label(node, lang, ref=True)))
            return
        seen.add(node_id)
        branch = parent.add(Wrapped(_node_label(node, lang)))
        if node.kind == "question":
            for choice in node.choices:
                sub = branch.add(Hanging("↳", Wrapped(Text(choice.label.get(lang), "yellow"))))
                add(sub, choice.next)
        else:
            indent = len(str(len(node.steps))) + 2
            for i, step in enumerate(node.steps, 1):
                branch.add(Hanging(f"{i}.", Wrapped(inline(step.get(lang))), indent))
            for t in node.topics:
                branch.add(Text(f"→ {explain_command(t)}", COMMAND))

    add(root, tree.start)
    return Trimmed(root)


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
