"""Writing a file the user named (``--record``, ``--output``, a saved Markdown page) safely.

The target must be a new file or a regular file of its own: a FIFO, a device, a directory,
a symbolic link or a file with other hard links is refused before anything is written, so
nothing is clobbered. The file is written atomically (a new file with a random name in the
same directory, flushed, then renamed over the target) and keeps the mode of the file it
replaces.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import OutputError, UsageError
from .model import safe_text


def check_target(path: str, what: str = "") -> None:
    """Fail if ``path`` is no place to write a file: it must be missing or a regular file of
    its own (not a FIFO, device, directory, symlink or a file with other hard links), in a
    writable directory. ``what`` starts each message (``--record ``)."""
    shown = what + safe_text(path)
    if not path.strip():
        raise UsageError(f"{what}needs a file name".strip(), f"{what}需要一个文件名".strip())
    if path.endswith(("/", os.sep)):
        raise UsageError(
            f"{shown}: names a directory; give a file name",
            f"{shown}：这是目录，请给出文件名",
        )
    p = Path(path)
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"{shown}: {exc.strerror}", f"{shown}：{exc.strerror}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{shown}: is a directory", f"{shown}：这是目录")
        if not stat.S_ISREG(st.st_mode):
            link = stat.S_ISLNK(st.st_mode)
            kind = "a symbolic link" if link else "not a regular file"
            zh = "符号链接" if link else "不是普通文件"
            raise UsageError(
                f"{shown}: is {kind}; refusing to replace it",
                f"{shown}：{zh}，不会覆盖它",
            )
        if st.st_nlink > 1:
            raise UsageError(
                f"{shown}: has other hard links; refusing to replace it",
                f"{shown}：还有其他硬链接，不会覆盖它",
            )
    parent = p.parent
    if not parent.is_dir():
        where = safe_text(str(parent))
        raise UsageError(f"{shown}: no such directory '{where}'", f"{shown}：目录 '{where}' 不存在")
    if not os.access(parent, os.W_OK):
        where = safe_text(str(parent))
        raise UsageError(
            f"{shown}: directory '{where}' is not writable",
            f"{shown}：目录 '{where}' 不可写",
        )


def write_file(path: str, text: str, what: str = "") -> None:
    """Write ``text`` atomically: a new file in the same directory, then a rename.

    Readers see the old file or the complete new one, never a half-written one, also when
    the write itself is interrupted (the temporary file is removed). An existing file keeps
    its permissions; a new one gets the umask's. Raises ``UsageError`` for a target that is
    no place for a file (see ``check_target``) and ``OutputError`` when writing fails.
    """
    check_target(path, what)  # again: the target may have changed since it was checked
    target = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    # mkstemp: a fresh random name, created O_EXCL|O_NOFOLLOW, mode 0600 until chmod.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
            shown = what + safe_text(path)
            raise OutputError(
                f"{shown}: cannot write: {exc.strerror}",
                f"{shown}：无法写入：{exc.strerror}",
            ) from None
        raise
