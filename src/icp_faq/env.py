"""The environment a command runs in: streams, their terminals, width, colour, language.

Built once per process (``Environment.from_process``) and carried to every command; tests
build their own with ``io.StringIO`` streams and the tty flags they want, so the colour and
terminal rules are testable without a pty. Writing goes through here too: data to stdout
(``out``, ``json``, ``show``), messages to stderr (``warn``, ``error``), which never fail
the command.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import field, replace
from typing import TYPE_CHECKING, Any, Literal, TextIO

from .errors import WARNING, OutputError, UsageError
from .model import Lang, safe_text
from .record import Record, record

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

ColorMode = Literal["auto", "always", "never"]
MIN_WIDTH = 20  # narrower than this, Chinese text could not be shown at all
DEFAULT_WIDTH = 80


def lang_from(value: str) -> Lang | None:
    """``zh``/``zh_CN.UTF-8``/``zh-Hans`` → zh, ``en*`` → en, anything else → None."""
    v = value.strip().lower()
    if v.startswith("zh"):
        return "zh"
    if v.startswith("en"):
        return "en"
    return None


def default_lang(environ: Mapping[str, str]) -> Lang:
    """``ICP_FAQ_LANG``, then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else zh.

    The first locale variable that is set decides, as POSIX has it; a locale that is
    neither Chinese nor English (``C``, ``POSIX``, ``fr_FR``) falls back to zh.
    """
    own = environ.get("ICP_FAQ_LANG", "")
    if own:
        lang = lang_from(own)
        if lang is None:
            raise UsageError(f"ICP_FAQ_LANG is {safe_text(own)!r}; use zh or en")
        return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return lang_from(value) or "zh"
    return "zh"


def use_color(mode: ColorMode, is_tty: bool, environ: Mapping[str, str]) -> bool:
    """Whether to write ANSI colour: ``always``/``never`` decide; ``auto`` honours NO_COLOR,
    then FORCE_COLOR, then wants a terminal that is not ``TERM=dumb``."""
    if mode != "auto":
        return mode == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return is_tty and environ.get("TERM") != "dumb"


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


@record
class Environment(Record):
    """What every command shares. Options (``--lang``, ``--color``, ``--tree``) are applied
    with ``with_options``, which returns a new environment."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_tty: bool = False
    stdout_tty: bool = False
    stderr_tty: bool = False
    environ: Mapping[str, str] = field(default_factory=dict)
    terminal_width: int | None = None  # the terminal's own width, when stdout is one
    lang_option: Lang | None = None
    color_mode: ColorMode = "auto"
    tree_option: str | None = None

    @classmethod
    def from_process(cls) -> Environment:
        """The real process: ``sys`` streams (see ``repair_streams``) and ``os.environ``."""
        width = None
        if _isatty(sys.stdout):
            try:
                width = os.get_terminal_size(sys.stdout.fileno()).columns
            except (OSError, ValueError):
                width = None
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_tty=_isatty(sys.stdin),
            stdout_tty=_isatty(sys.stdout),
            stderr_tty=_isatty(sys.stderr),
            environ=os.environ,
            terminal_width=width,
        )

    def with_options(
        self,
        *,
        lang: str | None = None,
        color: str | None = None,
        tree: str | None = None,
    ) -> Environment:
        """This environment with the options that were given (``None`` keeps the current)."""
        return replace(
            self,
            lang_option=lang_from(lang) if lang else self.lang_option,
            color_mode=color if color in ("auto", "always", "never") else self.color_mode,  # type: ignore[arg-type]
            tree_option=tree if tree is not None else self.tree_option,
        )

    # ---- derived settings

    @property
    def lang(self) -> Lang:
        """``--lang``, else ``ICP_FAQ_LANG``, else the locale, else zh."""
        return self.lang_option or default_lang(self.environ)

    @property
    def safe_lang(self) -> Lang:
        """``lang``, or English when the language setting itself is wrong."""
        try:
            return self.lang
        except UsageError:
            return "en"

    @property
    def tree(self) -> str | None:
        """``--tree``, else ``ICP_FAQ_TREE``; ``None`` means the packaged tree."""
        return self.tree_option or self.environ.get("ICP_FAQ_TREE") or None

    @property
    def color(self) -> bool:
        """Colour on stdout."""
        return use_color(self.color_mode, self.stdout_tty, self.environ)

    @property
    def stderr_color(self) -> bool:
        """Colour on stderr (where prompts go when stdout is piped)."""
        return use_color(self.color_mode, self.stderr_tty, self.environ)

    @property
    def dumb(self) -> bool:
        """A terminal that cannot move the cursor (``TERM=dumb``, as in an Emacs shell)."""
        return self.environ.get("TERM") == "dumb"

    @property
    def width(self) -> int:
        """Columns to render for: ``COLUMNS``, else the terminal's, else 80 (at least 20)."""
        columns = self.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 0 else None
        width = width or self.terminal_width or DEFAULT_WIDTH
        return max(width, MIN_WIDTH)

    # ---- writing

    def out(self, text: str) -> None:
        """Write data to stdout, ending with exactly one newline.

        A reader that went away (``BrokenPipeError``) is left to ``entry.run``, which ends
        quietly; any other failure (a full disk) is an ``OutputError``.
        """
        try:
            self.stdout.write(text if text.endswith("\n") else text + "\n")
            self.stdout.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise OutputError(f"cannot write the output: {_reason(exc)}") from None

    def json(self, data: Any) -> None:
        """Write ``data`` as pretty, UTF-8 (not \\u-escaped) JSON."""
        self.out(json.dumps(data, ensure_ascii=False, indent=2))

    def console(self, *, color: bool | None = None, width: int | None = None) -> Console:
        """A rich console that renders into a string, with this environment's rules."""
        import io

        from rich.console import Console

        colored = self.color if color is None else color
        return Console(
            file=io.StringIO(),
            width=width or self.width,
            force_terminal=colored,
            color_system="standard" if colored else None,
            no_color=not colored,
            markup=False,
            emoji=False,
            highlight=False,
            legacy_windows=False,
            _environ={},
        )

    def render(self, renderable: RenderableType, *, color: bool | None = None) -> str:
        """``renderable`` as text for this terminal, trailing spaces removed."""
        console = self.console(color=color)
        with console.capture() as captured:
            console.print(renderable, crop=False)  # a URL wider than the line overflows
        return "\n".join(line.rstrip() for line in captured.get().splitlines())

    def show(self, renderable: RenderableType) -> None:
        """Render to stdout."""
        self.out(self.render(renderable))

    def message(self, text: str) -> None:
        """A line on stderr. Best effort: a failing stderr never changes the result."""
        try:
            self.stderr.write(text + "\n")
            self.stderr.flush()
        except (OSError, ValueError):
            pass

    def warn(self, text: str, zh: str | None = None) -> None:
        """``icp-faq: warning: TEXT`` on stderr, in Chinese when the language is zh."""
        lang = self.safe_lang
        self.message(WARNING[lang] + (zh if lang == "zh" and zh else text))


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
