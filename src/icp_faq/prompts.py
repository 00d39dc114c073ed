"""The interactive session: the only module that imports questionary (and prompt_toolkit).

``Prompter`` wraps questionary's select prompt (input and output can be injected, so tests
drive it with prompt_toolkit's pipe input); ``Session`` runs the walk over it: one question
at a time with back and start over, then the outcome page and its menu. Everything it shows
goes through the ``show`` callback the CLI gives it; the walk itself is ``engine.Walk``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .engine import Walk
from .errors import Signalled
from .model import Lang, Question, Topic, Tree
from .render._labels import label
from .render.session import outcome_renderable

if TYPE_CHECKING:
    from rich.console import RenderableType

# Menu values can never be choice ids: ids match ^[a-z0-9][a-z0-9_-]*$.
BACK = ":back"
RESTART = ":restart"
CHANGE = ":change"
READ = ":read"
QUIT = ":quit"
CANCEL = ":cancel"
SEPARATOR = ""


@dataclass(frozen=True)
class Option:
    """One line of a menu: the value returned and the text shown."""

    value: str
    title: str


class Prompter:
    """questionary's select prompt, in one place; ``input``/``output`` are for tests."""

    def __init__(
        self,
        lang: Lang,
        *,
        input: Any = None,
        output: Any = None,
        color: bool = True,
        stream: Any = None,
    ) -> None:
        self.lang = lang
        self.input = input
        self.output = output
        self.color = color
        self.stream = stream

    @classmethod
    def on(cls, stream: Any, lang: Lang, *, color: bool = True, default_output: bool) -> Prompter:
        """Prompts on ``stream``: prompt_toolkit's default output (the process's stdout) when
        ``default_output``, else an output made for ``stream``."""
        if default_output:
            return cls(lang, color=color, stream=stream)
        from prompt_toolkit.output import create_output

        return cls(lang, output=create_output(stdout=stream), color=color, stream=stream)

    def select(self, prompt: str, options: Sequence[Option], default: str | None = None) -> str:
        """Ask one question; returns the chosen option's value.

        Raises ``KeyboardInterrupt`` on Ctrl-C and ``EOFError`` when the input ends.
        """
        import questionary

        choices: list[Any] = [
            questionary.Separator(opt.title or "─" * 20)
            if opt.value == SEPARATOR
            else questionary.Choice(title=opt.title, value=opt.value)
            for opt in options
        ]
        values = [o.value for o in options if o.value != SEPARATOR]
        extra: dict[str, Any] = {}
        if not self.color:  # --color never / NO_COLOR: prompts without colour, like the rest
            from prompt_toolkit.output import ColorDepth

            extra["color_depth"] = ColorDepth.DEPTH_1_BIT
        question = questionary.select(
            prompt,
            choices=choices,
            default=default if default in values else None,
            instruction=label("keys", self.lang),
            qmark="?",
            input=self.input,
            output=self.output,
            **extra,
        )
        _wrap_choices(question.application)
        _ctrl_d_is_end_of_input(question.application)
        with (
            _terminal_restored(self.stream if self.input is None else None),
            _signals_exit(question.application),
        ):
            answer = question.unsafe_ask()
        if answer is None:
            raise EOFError
        return str(answer)


def _full_topic(topic: Topic, lang: Lang, tree: Tree) -> RenderableType:
    """A topic in full, exactly as ``icp-faq explain`` shows it."""
    from .render.topic import topic_renderable

    return topic_renderable(topic, lang, tree=tree)


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


def _ctrl_d_is_end_of_input(application: Any) -> None:
    """Ctrl-D (end of input on a terminal) ends the prompt with ``EOFError``, as a closed
    stdin does, so the missing-answer rule applies to both."""
    bindings = application.key_bindings
    if bindings is None or not hasattr(bindings, "add"):
        return

    @bindings.add("c-d", eager=True)  # type: ignore[untyped-decorator,unused-ignore]
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")


def _wrap_choices(application: Any) -> None:
    """Wrap long choices under their text instead of cutting them at the terminal's edge.

    questionary's choice list is a prompt_toolkit ``Window`` that does not wrap; at 40
    columns most labels would be cut off. Wrapped lines get the pointer's indent.
    """
    from prompt_toolkit.filters import to_filter
    from questionary.prompts.common import InquirerControl

    for window in application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            window.wrap_lines = to_filter(True)
            window.get_line_prefix = lambda line, wrap_count: "   " if wrap_count else ""


class Session:
    """A guided session over a ``Walk``: questions with back / start over, then the outcome menu.

    ``walk`` always holds the current state, so the caller can record the answers given so
    far when the session is interrupted. With ``menu`` false the session ends at the first
    outcome (the caller prints it); with ``menu`` true it shows the outcome page and offers
    change an answer, read a related topic, start over and quit.
    """

    def __init__(
        self,
        walk: Walk,
        lang: Lang,
        prompter: Prompter,
        show: Callable[[RenderableType], None],
        *,
        menu: bool = True,
        topic_renderable: Callable[[Topic, Lang, Tree], RenderableType] | None = None,
    ) -> None:
        self.walk = walk
        self.lang = lang
        self.prompter = prompter
        self.show = show
        self.menu = menu
        self.topic_renderable = topic_renderable or _full_topic

    @property
    def tree(self) -> Tree:
        """The tree being walked."""
        return self.walk.tree

    def run(self) -> Walk:
        """Run until the user quits (or, without the menu, until an outcome); returns the walk."""
        shown_outcome = False
        while True:
            question = self.walk.question
            if question is not None:
                shown_outcome = False
                self.walk = self._ask(question)
                continue
            if not self.menu:
                return self.walk
            if not shown_outcome:
                self.show(outcome_renderable(self.walk.result(), self.tree, self.lang))
                shown_outcome = True
            action = self._outcome_menu()
            if action == QUIT:
                return self.walk
            if action == RESTART:
                self.walk = self.walk.restart()
            elif action == CHANGE:
                qid = self._pick_answer()
                if qid is not None:
                    self.walk = self.walk.change(qid)
            elif action == READ:
                self._read_topic()

    def _ask(self, question: Question) -> Walk:
        lang = self.lang
        if question.help is not None:
            from rich.text import Text

            self.show(Text(question.help.get(lang)))
        step = label("step", lang, n=self.walk.number, total=self.walk.total)
        options = [Option(c.id, c.label.get(lang)) for c in question.choices]
        if self.walk.answers:
            options += [
                Option(SEPARATOR, ""),
                Option(BACK, label("back", lang)),
                Option(RESTART, label("restart", lang)),
            ]
        value = self.prompter.select(
            f"{step} · {question.text.get(lang)}", options, self.walk.remembered(question.id)
        )
        if value == BACK:
            return self.walk.back()
        if value == RESTART:
            return self.walk.restart()
        return self.walk.answer(value)

    def _outcome_menu(self) -> str:
        lang = self.lang
        options = [Option(CHANGE, label("change", lang))]
        if self.walk.outcome is not None and self.walk.outcome.topics:
            options.append(Option(READ, label("read", lang)))
        options += [Option(RESTART, label("restart", lang)), Option(QUIT, label("quit", lang))]
        return self.prompter.select(label("menu", lang), options)

    def _pick_answer(self) -> str | None:
        lang = self.lang
        options = [
            Option(s.question.id, f"{s.question.text.get(lang)} → {s.choice.label.get(lang)}")
            for s in self.walk.steps
        ]
        options += [Option(SEPARATOR, ""), Option(CANCEL, label("cancel", lang))]
        value = self.prompter.select(label("which-answer", lang), options)
        return None if value == CANCEL else value

    def _read_topic(self) -> None:
        lang = self.lang
        outcome = self.walk.outcome
        assert outcome is not None
        topics = [t for t in (self.tree.topic(i) for i in outcome.topics) if t is not None]
        options = [Option(t.id, t.title.get(lang)) for t in topics]
        options += [Option(SEPARATOR, ""), Option(CANCEL, label("cancel", lang))]
        value = self.prompter.select(label("which-topic", lang), options)
        topic = self.tree.topic(value)
        if value != CANCEL and topic is not None:
            self.show(self.topic_renderable(topic, lang, self.tree))
