"""The options every command takes, and how a command gets them: ``--lang``, ``--color``,
``--tree`` and ``--version`` work before the command name (on the app) and after it (on the
command), and a command receives the ``Environment`` with them applied.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from typer._click.types import ParamType  # typer 0.28 vendors click

from . import __version__
from .env import Environment
from .model import safe_text

F = TypeVar("F", bound=Callable[..., Any])


class OneOf(ParamType):
    """A value from a fixed list, any case, given back in lowercase."""

    name = "choice"

    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def get_metavar(self, param: Any, ctx: Any) -> str:
        return "[" + "|".join(self.choices) + "]"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = str(value).strip().lower()
        if text not in self.choices:
            valid = ", ".join(self.choices)
            self.fail(f"'{safe_text(str(value))}' is not one of {valid}", param, ctx)
        return text

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        return [CompletionItem(c) for c in self.choices if c.startswith(incomplete.lower())]


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        ctx.find_root().obj.out(f"icp-faq {__version__}")
        raise typer.Exit()


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-L",
        click_type=OneOf("zh", "en"),
        help="Language: zh or en. Default: ICP_FAQ_LANG, then LC_ALL/LC_MESSAGES/LANG, else zh.",
        show_default=False,
    ),
]
ColorOpt = Annotated[
    str | None,
    typer.Option(
        "--color",
        click_type=OneOf("auto", "always", "never"),
        help="Colour: auto (default) honours NO_COLOR/FORCE_COLOR, off when not a terminal.",
        show_default=False,
    ),
]
TreeOpt = Annotated[
    str | None,
    typer.Option(
        "--tree",
        metavar="PATH",
        help="Tree file to use instead of the packaged one (also ICP_FAQ_TREE).",
        show_default=False,
    ),
]
PlainOpt = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Plain prompts: numbered choices, one line each (also on TERM=dumb terminals).",
    ),
]
VersionOpt = Annotated[
    bool,
    typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
]


def format_option(*choices: str) -> Any:
    """``--format``/``-f`` with these choices."""
    return typer.Option(
        "--format", "-f", click_type=OneOf(*choices), help=f"Output format: {', '.join(choices)}."
    )


def setup(ctx: typer.Context, lang: str | None, color: str | None, tree: str | None) -> Environment:
    """The environment of this command: the root's, with this command's options on top."""
    root = ctx.find_root()
    env: Environment = root.obj.with_options(lang=lang, color=color, tree=tree)
    root.obj = env  # what entry.run reports errors with
    return env


SHARED = (
    inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=LangOpt),
    inspect.Parameter("color", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ColorOpt),
    inspect.Parameter("tree", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=TreeOpt),
    inspect.Parameter(
        "version", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=VersionOpt
    ),
)


def command(app: typer.Typer, name: str | None = None) -> Callable[[F], F]:
    """Register ``fn(env, ...)`` on ``app`` as a command that also takes the shared options.

    typer reads a command's options from its signature; this adds ``--lang``, ``--color``,
    ``--tree`` and ``--version`` to it, so they work after the command name as well as
    before it, and hands ``fn`` the environment with them applied.
    """

    def register(fn: F) -> F:
        own = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]  # not env

        def run(ctx: typer.Context, **kwargs: Any) -> Any:
            lang, color, tree = (kwargs.pop(p.name) for p in SHARED[:3])
            kwargs.pop("version")
            return fn(setup(ctx, lang, color, tree), **kwargs)

        ctx = inspect.Parameter(
            "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
        )
        signature = inspect.Signature([ctx, *own, *SHARED])
        run.__signature__ = signature  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        run.__name__, run.__doc__ = fn.__name__, fn.__doc__
        app.command(name)(run)
        return fn

    return register
