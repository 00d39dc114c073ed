"""``id  title`` lines for ``list`` and ``search``: ids in one column, titles wrapped under
their own column at word boundaries (never mid-word, never a comma starting a line).

Plain strings, no rich: ``list`` and ``search`` stay fast to start.
"""

from __future__ import annotations

from collections.abc import Sequence

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def shorten(text: str, width: int = 48) -> str:
    """One short line of help for a completion menu."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def columns(rows: Sequence[tuple[str, str]], *, width: int, bold: bool) -> str:
    """Rows of ``(id, title)``; titles wrap with a hanging indent when wider than ``width``."""
    from .wrap import break_offsets, cells

    id_width = max((len(rid) for rid, _ in rows), default=0)
    room = max(width - id_width - 2, 10)
    out = []
    for rid, title in rows:
        shown = f"{BOLD}{rid}{RESET}" if bold else rid
        starts = [0, *break_offsets(title, room)] if cells(title) > room else [0]
        pieces = [
            title[a:b].strip() for a, b in zip(starts, [*starts[1:], len(title)], strict=True)
        ]
        out.append(f"{shown}{' ' * (id_width - len(rid))}  {pieces[0]}")
        out += [f"{' ' * (id_width + 2)}{piece}" for piece in pieces[1:]]
    return "\n".join(out)
