"""The guided session: one question at a time over ``engine.Walk``, then the outcome screen
and its menu. It asks through a prompter (``prompts.Prompter`` or ``PlainPrompter``) and
shows through a callback, so it knows nothing of terminals; tests drive it with a scripted
prompter.

Every prompt knows the same keys (see ``prompts``): ``L`` switches the language in place,
``?`` shows the keys, ``q`` (or Ctrl-D) quits, ``b`` and ``s`` go back and start over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .engine import Step, Walk
from .errors import IcpFaqError
from .model import Lang, Question, Tree
from .prompts import BACK, HELP, LANG, QUIT, RESTART, SEPARATOR, Option
from .render import session as screens
from .render._labels import label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType

BACKGROUND = ":background"
LINKS = ":links"
ANSWERS = ":answers"
SAVE = ":save"
CANCEL = ":cancel"


class Prompts(Protocol):
    """What a session asks with."""

    lang: Lang

    def select(self, prompt: str, options: Sequence[Option], default: str | None = None) -> str: ...

    def text(self, prompt: str, default: str) -> str: ...


class Quit(Exception):
    """The person quit before an outcome (``q`` or Ctrl-D at a question)."""


@dataclass
class Session:
    """A guided session. ``walk`` always holds the current state, so the caller can record
    the answers given so far however the session ends.

    Attributes:
        walk: where to start (answers given up front already applied).
        lang: the language to start in; ``L`` switches it.
        prompter: asks the questions.
        show: prints a renderable.
        menu: at the outcome, offer the menu; without it the session ends there.
        save: writes a Markdown file (path, text); raises ``IcpFaqError`` when it cannot.
        page: the outcome as Markdown, for saving.
        read: a topic in full, for reading from the background.
    """

    walk: Walk
    lang: Lang
    prompter: Prompts
    show: Callable[[RenderableType], None]
    menu: bool = True
    save: Callable[[str, str], None] | None = None
    page: Callable[[Walk, Lang], str] | None = None
    read: Callable[[str, Lang], RenderableType] | None = None

    @property
    def tree(self) -> Tree:
        """The tree being walked."""
        return self.walk.tree

    def _select(
        self,
        prompt: Callable[[], str],
        options: Callable[[], list[Option]],
        default: str | None = None,
        redraw: Callable[[], None] | None = None,
    ) -> str:
        """Ask, handling the keys every prompt knows: after the language switch or the keys'
        help, the same prompt again (built anew, in the language now chosen, after
        ``redraw`` shows what the prompt is about in it)."""
        while True:
            self.prompter.lang = self.lang
            value = self.prompter.select(prompt(), options(), default)
            if value == LANG:
                self.lang = "en" if self.lang == "zh" else "zh"
                if redraw is not None:
                    redraw()
            elif value == HELP:
                self.show(screens.notice(label("keys_help", self.lang)))
            else:
                return value

    def run(self) -> Walk:
        """Run until the user quits (or, without the menu, until an outcome); returns the walk.

        Raises ``Quit`` when the person quits before an outcome.
        """
        if self.walk.steps and self.walk.question is not None:
            self.show(screens.answers(self.walk.steps, self.lang, "so_far"))
        while True:
            question = self.walk.question
            if question is not None:
                try:
                    self._ask(question)
                except EOFError:  # Ctrl-D: a person quitting
                    raise Quit from None
                continue
            if not self.menu:
                return self.walk
            self._show_outcome()  # again after each detour: the steps stay with the menu
            try:
                if self._outcome_menu() == QUIT:
                    return self.walk
            except EOFError:
                return self.walk

    def _ask(self, question: Question) -> None:
        walk = self.walk

        def prompt() -> str:
            n, total = walk.number, walk.total
            step = label(
                "step" if walk.total_is_exact else "step_upto", self.lang, n=n, total=total
            )
            text = question.text.get(self.lang)
            if question.help is not None:
                text += "\n" + question.help.get(self.lang)
            return f"{step} · {text}"

        def options() -> list[Option]:
            out = [Option(c.id, c.label.get(self.lang)) for c in question.choices]
            if walk.answers:
                out += [
                    Option(SEPARATOR, ""),
                    Option(BACK, label("back", self.lang)),
                    Option(RESTART, label("restart", self.lang)),
                ]
            return out

        value = self._select(prompt, options, walk.remembered(question.id))
        if value == QUIT:
            raise Quit
        if value == BACK:
            self.walk = walk.back()
        elif value == RESTART:
            self.walk = walk.restart()
        else:
            pending = dict(walk.pending)
            self.walk = walk.answer(value)
            self.show(screens.answered(walk.number, self.walk.steps[walk.number - 1], self.lang))
            kept = [s for s in self.walk.steps[walk.number :] if pending.get(s.question.id)]
            if kept:
                self.show(screens.answers(kept, self.lang, "kept"))

    def _show_outcome(self) -> None:
        outcome = self.walk.outcome
        assert outcome is not None
        self.show(screens.outcome_screen(outcome, self.lang, lead=True))

    def _outcome_menu(self) -> str:
        outcome = self.walk.outcome
        assert outcome is not None

        def options() -> list[Option]:
            items = []
            if outcome.topics:
                items.append(Option(BACKGROUND, label("show_background", self.lang)))
            if outcome.links:
                items.append(Option(LINKS, label("show_links", self.lang)))
            items.append(Option(ANSWERS, label("my_answers", self.lang)))
            if self.save is not None and self.page is not None:
                items.append(Option(SAVE, label("save", self.lang)))
            items += [
                Option(RESTART, label("restart", self.lang)),
                Option(QUIT, label("quit", self.lang)),
            ]
            return items

        action = self._select(lambda: label("menu", self.lang), options, None, self._show_outcome)
        if action == BACKGROUND:
            self.show(screens.background(outcome, self.tree, self.lang))
            self._read_topic()
        elif action == LINKS:
            self.show(screens.links(outcome.links, self.lang))
        elif action == ANSWERS:
            self._change_answer()
        elif action == SAVE:
            self._save()
        elif action == RESTART:
            self.walk = self.walk.restart()
        return action

    def _change_answer(self) -> None:
        steps = self.walk.steps

        def options() -> list[Option]:
            out = [Option(s.question.id, _answer_title(s, self.lang)) for s in steps]
            return [*out, Option(SEPARATOR, ""), Option(CANCEL, label("cancel", self.lang))]

        value = self._select(lambda: label("which-answer", self.lang), options)
        if value not in (CANCEL, QUIT, BACK, RESTART):
            self.walk = self.walk.change(value)

    def _read_topic(self) -> None:
        outcome = self.walk.outcome
        if self.read is None or outcome is None:
            return
        topics = screens.topics_of(outcome, self.tree)

        def options() -> list[Option]:
            out = [Option(t.id, t.title.get(self.lang)) for t in topics]
            return [*out, Option(SEPARATOR, ""), Option(CANCEL, label("cancel", self.lang))]

        value = self._select(lambda: label("read-one", self.lang), options)
        if self.tree.topic(value) is not None:
            self.show(self.read(value, self.lang))

    def _save(self) -> None:
        assert self.save is not None and self.page is not None
        outcome = self.walk.outcome
        assert outcome is not None
        self.prompter.lang = self.lang
        path = self.prompter.text(label("save_to", self.lang), f"icp-faq-{outcome.id}.md")
        try:
            self.save(path, self.page(self.walk, self.lang))
        except IcpFaqError as exc:
            self.show(screens.notice(label("not_saved", self.lang, why=exc.text(self.lang))))
            return
        self.show(screens.notice(label("saved", self.lang, path=path)))


def _answer_title(step: Step, lang: Lang) -> str:
    return f"{step.question.text.get(lang)} → {step.choice.label.get(lang)}"
