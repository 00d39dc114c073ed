"""``icp-faq export``: the tree as one self-contained web page, on stdout or written atomically.

The rendering itself is ``render.html``; this module owns the output path's checks and the
writing, so that the page is never half-written and never written into something that is
not a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError, UsageError
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
    target = None if output in (None, "-") else output_target(output)
    page = page_html(open_tree(env.tree), env.lang)
    if target is None:
        env.out(page)
    else:
        assert output is not None
        write_atomic(target, page, output)


def output_target(path: str) -> Path:
    """The file ``--output PATH`` will replace; ``UsageError`` when that could never be right.

    An existing ``PATH`` must be a regular file of its own, or a symbolic link to one (then
    the file it points to is replaced and the link stays). A directory, FIFO, device or
    socket, a link to one of those or to nothing, and a file with other hard links (a
    rename would silently split them) are refused before any work is done. The directory
    must exist and be writable.
    """
    shown = one_line(path)
    if not path.strip():
        raise UsageError("--output needs a file name")
    if path.endswith(("/", os.sep)):
        raise UsageError(f"--output {shown}: names a directory; give a file name")
    given = Path(path)
    if os.path.lexists(given):
        try:
            info = given.stat()  # follows symbolic links
        except OSError as exc:
            raise UsageError(f"--output {shown}: {exc.strerror}; nothing written") from None
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"--output {shown}: is a directory; nothing written")
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"--output {shown}: is not a regular file; nothing written")
        if info.st_nlink > 1:
            raise UsageError(f"--output {shown}: has other hard links; refusing to replace it")
        target = Path(os.path.realpath(given))
    else:
        target = given
    parent = target.parent
    if not parent.is_dir():
        raise UsageError(f"--output {shown}: no such directory '{one_line(str(parent))}'")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"--output {shown}: directory '{one_line(str(parent))}' is not writable")
    return target


def write_atomic(target: Path, text: str, shown: str) -> None:
    """Write ``text`` to ``target`` through a new file in the same directory, then a rename.

    Readers see the old file or the complete new one, never a half-written one, also when
    the write is interrupted (the temporary file is removed). An existing file keeps its
    permissions; a new one gets the umask's. A failed write is an ``OutputError`` (exit 74).
    """
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        # mkstemp: a fresh random name, created O_EXCL|O_NOFOLLOW, mode 0600 until fchmod.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"--output {one_line(shown)}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"--output {one_line(shown)}: cannot write: {exc.strerror}") from None
        raise
