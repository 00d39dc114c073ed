"""Asking a person: the only module that imports questionary (and prompt_toolkit).

Two prompters with one interface, ``select(prompt, options, default)`` and ``text(prompt,
default)``: ``Prompter`` (questionary's select, for terminals that can move the cursor) and
``PlainPrompter`` (numbered lines, for ``TERM=dumb`` and ``--plain``). Both pre-wrap what they
show at word boundaries, with a hanging indent, and both return the special values below for
the keys every prompt knows. What to ask, and what a value means, is ``session.Session``'s.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, TextIO

from .errors import Signalled
from .model import Lang
from .render._labels import label
from .render.wrap import break_offsets, cells

# Special values: they can never be choice ids, which match ^[a-z0-9][a-z0-9_-]*$.
BACK = ":back"
RESTART = ":restart"
QUIT = ":quit"
LANG = ":lang"
HELP = ":help"
SEPARATOR = ""
POINTER = 3  # questionary draws " » " (or three spaces) before each choice
PLAIN_KEYS = {"b": BACK, "s": RESTART, "l": LANG, "?": HELP, "q": QUIT}


@dataclass(frozen=True)
class Option:
    """One line of a menu: the value returned and the text shown."""

    value: str
    title: str


def wrap(text: str, width: int, indent: int) -> str:
    """``text`` broken at word boundaries into lines of ``width`` cells, later lines indented
    by ``indent`` spaces (which count against ``width``)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        starts = [0, *break_offsets(paragraph, max(width - indent, 4))]
        ends = [*starts[1:], len(paragraph)]
        pieces = [paragraph[a:b] for a, b in zip(starts, ends, strict=True)]
        lines += [pieces[0].rstrip(), *(piece.strip() for piece in pieces[1:])]
    return ("\n" + " " * indent).join(lines)


def keys_hint(lang: Lang) -> str:
    """The one-line reminder of the keys; the language switch is named in the other language
    so that someone who cannot read this one still finds it."""
    return label("keys", lang)


@dataclass
class Prompter:
    """questionary's select prompt, pre-wrapped for ``width`` columns; ``input``/``output``
    are for tests (prompt_toolkit's pipe input and a dummy output)."""

    lang: Lang
    width: int = 80
    input: Any = None
    output: Any = None
    color: bool = True
    stream: Any = None

    @classmethod
    def on(
        cls, stream: Any, lang: Lang, *, width: int, color: bool, default_output: bool
    ) -> Prompter:
        """Prompts on ``stream``: prompt_toolkit's default output (the process's stdout) when
        ``default_output``, else an output made for ``stream``."""
        if default_output:
            return cls(lang, width=width, color=color, stream=stream)
        from prompt_toolkit.output import create_output

        output = create_output(stdout=stream)
        return cls(lang, width=width, output=output, color=color, stream=stream)

    def _message(self, prompt: str) -> tuple[str, str]:
        """The prompt wrapped after the ``? `` mark, and the keys hint: on the prompt's last
        line when it fits there, else on a line of its own."""
        message = wrap(prompt, self.width - 2, 2)
        hint = keys_hint(self.lang)
        last = message.rsplit("\n", 1)[-1]
        if 2 + cells(last) + 1 + cells(hint) <= self.width:
            return message, hint
        return message, "\n  " + wrap(hint, self.width - 2, 2)

    def select(self, prompt: str, options: Sequence[Option], default: str | None = None) -> str:
        """Ask one question; returns the chosen option's value, or a special value.

        Raises ``KeyboardInterrupt`` on Ctrl-C and ``EOFError`` on Ctrl-D or end of input.
        """
        import questionary

        choices: list[Any] = [
            questionary.Separator(opt.title or "─" * 20)
            if opt.value == SEPARATOR
            else questionary.Choice(
                title=wrap(opt.title, self.width - POINTER, POINTER), value=opt.value
            )
            for opt in options
        ]
        values = [o.value for o in options if o.value != SEPARATOR]
        extra: dict[str, Any] = {}
        if not self.color:  # --color never / NO_COLOR: prompts without colour, like the rest
            from prompt_toolkit.output import ColorDepth

            extra["color_depth"] = ColorDepth.DEPTH_1_BIT
        message, hint = self._message(prompt)
        question = questionary.select(
            message,
            choices=choices,
            default=default if default in values else None,
            instruction=hint,
            qmark="?",
            input=self.input,
            output=self.output,
            **extra,
        )
        app = question.application
        app.erase_when_done = True  # the session prints the answer its own way
        shortcuts = {"l": LANG, "L": LANG, "?": HELP, "q": QUIT, "b": BACK, "s": RESTART}
        for key, value in shortcuts.items():
            if value in (LANG, HELP, QUIT) or value in values:
                _bind(app, key, value)
        _bind(app, "c-d", None)  # Ctrl-D: end of input, as a closed stdin
        with _terminal_restored(self.stream if self.input is None else None), _signals_exit(app):
            answer = question.unsafe_ask()
        if answer is None:
            raise EOFError
        return str(answer)

    def text(self, prompt: str, default: str) -> str:
        """A line of text (a file name), with ``default`` filled in."""
        import questionary

        question = questionary.text(
            wrap(prompt, self.width - 2, 2),
            default=default,
            qmark="?",
            input=self.input,
            output=self.output,
        )
        _bind(question.application, "c-d", None)
        with (
            _terminal_restored(self.stream if self.input is None else None),
            _signals_exit(question.application),
        ):
            answer = question.unsafe_ask()
        if answer is None:
            raise EOFError
        return str(answer)


@dataclass
class PlainPrompter:
    """Numbered lines, for a terminal that cannot move the cursor (``TERM=dumb``, an Emacs
    shell) or for ``--plain``: type a number, or ``b`` back, ``s`` start over, ``q`` quit,
    ``l`` switch language, ``?`` keys; Enter alone takes the marked default."""

    lang: Lang
    stdin: TextIO
    stream: TextIO
    width: int = 80

    def _read(self, prompt: str) -> str:
        self.stream.write(prompt)
        self.stream.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip()

    def select(self, prompt: str, options: Sequence[Option], default: str | None = None) -> str:
        """Print the prompt and numbered options; read until a valid answer."""
        picks = [o for o in options if o.value not in (SEPARATOR, BACK, RESTART)]
        offered = {o.value for o in options}
        letters = {k: v for k, v in PLAIN_KEYS.items() if v in offered or v in (LANG, HELP, QUIT)}
        out = [wrap(prompt, self.width, 2)]
        for i, opt in enumerate(picks, 1):
            mark = "*" if opt.value == default else " "
            out.append(wrap(f"{mark}{i:>2}) {opt.title}", self.width, 5))
        keys = ", ".join(label(f"plain_{v[1:]}", self.lang) for v in letters.values())
        out.append(wrap(label("plain_keys", self.lang, keys=keys), self.width, 2))
        self.stream.write("\n".join(out) + "\n")
        while True:
            answer = self._read("> ").lower()
            if not answer and default is not None:
                return default
            if answer in letters:
                return letters[answer]
            if answer.isdigit() and 1 <= int(answer) <= len(picks):
                return picks[int(answer) - 1].value
            self.stream.write(label("plain_again", self.lang, n=len(picks)) + "\n")

    def text(self, prompt: str, default: str) -> str:
        """A line of text; Enter alone takes ``default``."""
        answer = self._read(wrap(f"{prompt} [{default}] ", self.width, 2))
        return answer or default


def _bind(application: Any, key: str, value: str | None) -> None:
    """Make ``key`` end the prompt with ``value`` (``None``: with ``EOFError``)."""
    bindings = application.key_bindings
    if bindings is None or not hasattr(bindings, "add"):
        return

    @bindings.add(key, eager=True)  # type: ignore[untyped-decorator,unused-ignore]
    def _end(event: Any) -> None:
        if value is None:
            event.app.exit(exception=EOFError, style="class:aborting")
        else:
            event.app.exit(result=value)


@contextmanager
def _terminal_restored(stream: Any) -> Iterator[None]:
    """Put the terminal back as it was if the prompt ends abnormally.

    prompt_toolkit restores the terminal itself after Enter and Ctrl-C, but SIGTERM (which
    ``entry`` turns into ``Signalled``) can land anywhere inside its event loop and leave
    raw mode and a hidden cursor behind. ``stream`` is where the prompt writes; ``None``
    (tests with their own input) does nothing.
    """
    saved: tuple[int, Any] | None = None
    if stream is not None:
        try:
            import sys
            import termios

            fd = sys.stdin.fileno()
            if os.isatty(fd):
                saved = (fd, termios.tcgetattr(fd))
        except (ImportError, OSError, ValueError):
            saved = None
    try:
        yield
    except BaseException:
        if saved is not None:
            import termios

            with suppress(OSError, ValueError):
                termios.tcsetattr(saved[0], termios.TCSADRAIN, saved[1])
                stream.write("\x1b[?25h")  # show the cursor again
                stream.flush()
        raise


@contextmanager
def _signals_exit(application: Any) -> Iterator[None]:
    """While a prompt runs, SIGTERM and SIGHUP end it through its own event loop.

    The process-wide handler (``entry``) raises ``Signalled`` wherever the signal lands;
    inside prompt_toolkit's loop that can be a weakref callback, where Python ignores the
    exception and the prompt goes on waiting. The loop's own signal handler runs between
    callbacks instead, so the prompt ends the way Enter or Ctrl-C make it end.
    """
    import signal

    signums = [s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGHUP")) if s]
    before = {s: signal.getsignal(s) for s in signums}

    def install() -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        for signum in signums:
            with suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, _exit_with, application, signum)

    application.pre_run_callables.append(install)
    try:
        yield
    finally:
        # Closing the loop reset the signals to their default action: put the handlers back.
        for signum, handler in before.items():
            with suppress(ValueError, TypeError):
                signal.signal(signum, handler)


def _exit_with(application: Any, signum: int) -> None:
    application.exit(exception=Signalled(signum))
