"""``icp-faq export``: the tree as one self-contained web page, on stdout or written atomically.

The rendering itself is ``render.html``; the file is written by ``files.write_file``, so
the page is never half-written and never written into something that is not a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import UsageError
from .files import check_target, write_file
from .model import one_line

if TYPE_CHECKING:
    from .env import Environment


def export_command(env: Environment, *, fmt: str = "html", output: str | None = None) -> None:
    """Write the page for ``env``'s tree, in ``env``'s language at first, to ``output``.

    ``None`` or ``-`` is stdout. The output path is checked before the tree is read.
    """
    from .render.html import page_html
    from .trees import open_tree

    if fmt != "html":  # the command line's choices already refuse it
        raise UsageError(f"unknown export format '{one_line(fmt)}'; use html")
    to_stdout = output is None or output == "-"
    if not to_stdout:
        check_target(str(output), "--output ")  # before any work is done
    page = page_html(open_tree(env.tree), env.lang)
    if to_stdout:
        env.out(page)
    else:
        write_file(str(output), page, "--output ")
