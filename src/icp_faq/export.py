"""``icp-faq export``: check the tree and the output path, render the page, write it atomically.

The rendering itself is ``render.html``; this module owns the checks and the file writing, so
that the page is never half-written and never written into something that is not a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CliError, ExitCode

if TYPE_CHECKING:
    from .model import Lang, Tree

FORMATS = ("html",)


def output_target(path: str) -> Path:
    """The file ``--output PATH`` will replace; exit 2 when that could never be right.

    ``-`` is stdout and not handled here. An existing ``PATH`` must be a regular file, or a
    symbolic link to one (the file it points to is replaced, the link stays); a directory,
    FIFO, device, socket or a link to one of those, or to nothing, is refused before any
    work is done. The directory must exist.
    """
    given = Path(path)
    if os.path.lexists(given):
        try:
            info = given.stat()  # follows symbolic links
        except OSError as exc:
            raise CliError(
                f"--output {path}: {exc.strerror or 'cannot be read'}; nothing written",
                ExitCode.USAGE,
            ) from None
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise CliError(f"--output {path}: is {kind}; nothing written", ExitCode.USAGE)
        target = Path(os.path.realpath(given))
    else:
        target = given
    parent = target.parent
    if not parent.is_dir():
        raise CliError(f"--output {path}: no such directory '{parent}'", ExitCode.USAGE)
    return target


def render(tree: Tree, lang: Lang, fmt: str = "html") -> str:
    """The page for ``tree``; a tree that fails ``validate`` exits 3 (its page would not work)."""
    from .validate import check

    if fmt not in FORMATS:  # the CLI's choices already refuse it; this is for other callers
        raise CliError(f"unknown export format '{fmt}'; use one of: {', '.join(FORMATS)}")
    errors = [f for f in check(tree) if f.severity == "error"]
    if errors:
        first = errors[0].line(tree.path or "tree")
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise CliError(
            f"cannot export an invalid tree: {first}{more}; run 'icp-faq validate' for all",
            ExitCode.INVALID_TREE,
        )
    from .render.html import page_html

    return page_html(tree, lang)


def write_atomic(target: Path, text: str, shown: str) -> None:
    """Write ``text`` to ``target`` through a temporary file in the same directory.

    Readers see the old file or the complete new one, never a half-written one, also when
    the write is interrupted (the temporary file is removed). An existing file keeps its
    permission bits; a new one gets the usual ones (0666 less the umask).
    """
    directory = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise CliError(f"--output {shown}: cannot write: {exc.strerror}", ExitCode.USAGE) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise CliError(
                f"--output {shown}: cannot write: {exc.strerror}", ExitCode.USAGE
            ) from None
        raise
