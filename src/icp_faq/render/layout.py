"""Layout for the terminal: hanging indents, line breaking for Chinese and English, the
Markdown subset of answers, links. Rich renderables that the other renderers compose.

The answers use a tiny Markdown subset ("- " bullets, **bold**, blank-line paragraphs);
it is rendered here with rich ``Text`` so that ``rich.markdown`` (about 150 ms to import)
never loads on a one-shot path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from .wrap import break_offsets

if TYPE_CHECKING:
    from ..model import Lang, Link

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
        # Not render_lines: it would crop a URL wider than the line, which must overflow.
        lines = Segment.split_lines(console.render(self.body, options.update(width=width)))
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


def section(title: str, items: Iterable[RenderableType]) -> list[RenderableType]:
    """A blank line, a heading and the items; nothing at all when there are no items."""
    body = list(items)
    if not body:
        return []
    return [Text(), Text(title, HEADING), *body]


def link_renderable(link: Link, lang: Lang) -> RenderableType:
    """A link's title and its URL, both clickable where the terminal supports it."""
    style = Style(link=link.url)
    title = Wrapped(Text(link.title.get(lang) or link.url, style))
    return Hanging("•", Group(title, Wrapped(Text(link.url, style + DIM))))
