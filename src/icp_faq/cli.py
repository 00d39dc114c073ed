"""The typer app: the commands, and what each one calls and writes.

Every command gets the ``Environment`` that ``entry.run`` built, with its options applied
(``options.py``: ``--lang``, ``--color``, ``--tree`` work before and after the command name),
calls the layers below and writes through the environment. Errors are raised, never turned into
exits here: ``entry.run`` does that, in one place. Heavy imports (rich, questionary, the
renderers) happen inside the commands that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .env import Environment
from .errors import NotFound, UsageError, ValidationFailed
from .options import (
    ColorOpt,
    LangOpt,
    PlainOpt,
    TreeOpt,
    VersionOpt,
    command,
    format_option,
    setup,
)

if TYPE_CHECKING:
    from .model import Tree


def load(env: Environment) -> Tree:
    """The selected tree, validated (see ``trees.open_tree``)."""
    from .trees import open_tree

    return open_tree(env.tree)


app = typer.Typer(
    name="icp-faq",
    help=(
        "Answers to the ICP filing transfer (接入备案) FAQ of Alibaba Cloud: a guided session "
        "(ask), one-shot lookups (explain, list, search, tree) and a tree checker (validate)."
    ),
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no rich import, and a closed pipe ends it quietly
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    lang: LangOpt = None,
    color: ColorOpt = None,
    tree: TreeOpt = None,
    version: VersionOpt = False,
    plain: PlainOpt = False,
) -> None:
    env = setup(ctx, lang, color, tree)
    ctx.obj = env
    if ctx.invoked_subcommand is not None:
        return
    if env.stdin_tty and env.stdout_tty:
        from .ask import ask_command

        ask_command(env, plain=plain)
        return
    raise UsageError(
        "no command given; run 'icp-faq --help' for the commands,"
        " or 'icp-faq ask' in a terminal for the guided session",
        "没有给出命令；运行 'icp-faq --help' 查看命令，或在终端中运行 'icp-faq ask' 开始问答",
    )


# --------------------------------------------------------------------------- ask (first in help)


@command(app)
def ask(
    env: Environment,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            metavar="QUESTION=CHOICE",
            help="Answer a question up front (repeatable); CHOICE is a choice id or its label.",
            show_default=False,
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers-file",
            metavar="FILE",
            help="YAML or JSON mapping of question id to choice id; - reads stdin.",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never prompt: a missing answer is an error (exit 2)."),
    ] = False,
    fmt: Annotated[str, format_option("text", "json", "markdown")] = "text",
    record: Annotated[
        str | None,
        typer.Option(
            "--record",
            metavar="FILE",
            help="Save the answers (YAML, or JSON for *.json) for --answers-file to replay.",
            show_default=False,
        ),
    ] = None,
    plain: PlainOpt = False,
) -> None:
    """Answer a few questions and get the steps for your case (the guided session)."""
    from .ask import ask_command

    ask_command(
        env,
        answers=answer or [],
        answers_file=answers_file,
        no_input=no_input,
        fmt=fmt,
        record=record,
        plain=plain,
    )


# --------------------------------------------------------------------------- one-shot commands


def _complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: topic ids (with titles as help) from --tree or the packaged tree."""
    from .env import Environment
    from .render.columns import shorten
    from .trees import open_tree

    try:
        env = Environment.from_process().with_options(
            lang=ctx.params.get("lang"), tree=ctx.params.get("tree")
        )
        tree, lang = open_tree(env.tree), env.lang
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [(t.id, shorten(t.title.get(lang))) for t in tree.topics if t.id.startswith(incomplete)]


@command(app)
def explain(
    env: Environment,
    topic: Annotated[
        str,
        typer.Argument(
            metavar="TOPIC",
            help="A topic id, a unique prefix of one, or its zh or en title.",
            autocompletion=_complete_topic,
            show_default=False,
        ),
    ],
    fmt: Annotated[str, format_option("text", "json", "markdown")] = "text",
) -> None:
    """Show one topic in full: answer, key points, links, related topics and source."""
    from .search.lookup import find_topic

    model = load(env)
    found = find_topic(model, topic)
    if fmt == "json":
        from .render.data import topic_data

        env.json(topic_data(found, env.lang))
    elif fmt == "markdown":
        from .render.markdown import topic_markdown

        env.out(topic_markdown(found, env.lang, tree=model))
    else:
        from .render.topic import topic_renderable

        env.show(topic_renderable(found, env.lang, tree=model))


@command(app, "list")
def list_(
    env: Environment,
    fmt: Annotated[str, format_option("text", "json")] = "text",
) -> None:
    """List every topic in the order of the source page: id and title."""
    model = load(env)
    if fmt == "json":
        from .render.data import list_data

        env.json(list_data(model, env.lang))
    elif model.topics:
        from .render.columns import columns

        env.out(
            columns(
                [(t.id, t.title.get(env.lang)) for t in model.topics],
                width=env.width,
                bold=env.color,
            )
        )


@command(app)
def search(
    env: Environment,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help="Words or a question, in Chinese or English.",
            show_default=False,
        ),
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many topics.")
    ] = 5,
    fmt: Annotated[str, format_option("text", "json")] = "text",
) -> None:
    """Find the topics that answer a question in either language.

    Exit 1 when the FAQ does not cover it: the reason, and the closest topics as "perhaps".
    """
    from .search import answer

    text = " ".join(query).strip()
    if not text:
        raise UsageError("QUERY is empty; give some words to search for", "请给出要搜索的内容")
    model = load(env)
    found = answer(model, text, limit)
    if fmt == "json":
        from .render.data import search_data

        env.json(search_data([(h.item, h.score) for h in found.hits], env.lang))  # type: ignore[misc]
        if not found.covered:
            from .render.search import declined_line

            env.message(declined_line(found, text, env.lang))
    else:
        from .render.search import search_text

        env.out(search_text(found, text, env.lang, width=env.width, bold=env.color))
    if not found.covered:
        raise NotFound("")  # said above, in the output


@command(app, "tree")
def tree_(
    env: Environment,
    fmt: Annotated[str, format_option("text", "json", "mermaid", "dot")] = "text",
) -> None:
    """Show the decision tree: text, JSON, Mermaid (renders on GitHub) or Graphviz dot."""
    model = load(env)
    fmt = fmt
    if fmt == "json":
        from .render.data import tree_data

        env.json(tree_data(model, env.lang))
    elif fmt in ("mermaid", "dot"):
        from .render import graph

        env.out(graph.mermaid(model, env.lang) if fmt == "mermaid" else graph.dot(model, env.lang))
    else:
        from .render.tree import tree_renderable

        env.show(tree_renderable(model, env.lang))


# --------------------------------------------------------------------------- export


@command(app)
def export(
    env: Environment,
    fmt: Annotated[str, format_option("html")] = "html",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of stdout; - is stdout.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the guided session as one self-contained web page (--lang: its first language)."""
    from .export import export_command

    export_command(env, fmt=fmt, output=output)


# --------------------------------------------------------------------------- validate


@command(app)
def validate(
    env: Environment,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            help="Tree file to check (default: --tree, then the packaged tree).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    fmt: Annotated[str, format_option("text", "json")] = "text",
) -> None:
    """Check a tree file: its YAML, its shape and its graph. Exit 0 when clean, 3 otherwise."""
    from .render.findings import finding_json, finding_lines, verdict
    from .trees import packaged_yaml
    from .validate import validate_file

    report = validate_file(path or env.tree or str(packaged_yaml()), strict=strict)
    as_json = fmt == "json"
    if as_json:
        env.out(finding_json(report))
    elif report.findings:
        env.out(finding_lines(report))
    if report.failed:
        raise ValidationFailed("" if as_json else verdict(report))
    if not as_json:
        env.message(verdict(report))
