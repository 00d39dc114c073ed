"""The typer app: parse options, call the layers below, write the result, map errors to exits.

Only this module writes to stdout/stderr. Heavy imports (rich, questionary, yaml) happen
inside the commands that need them, so ``explain --format json`` stays quick to start.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import __version__
from .config import default_lang, tree_path, use_color
from .errors import CliError, ExitCode
from .loader import FaqFileError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from .engine import Result
    from .model import Lang, Question, Topic, Tree


class LangChoice(str, Enum):
    zh = "zh"
    en = "en"


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


LangOpt = Annotated[
    LangChoice | None,
    typer.Option(
        "--lang",
        "-L",
        case_sensitive=False,
        help="Output language. Default: ICP_FAQ_LANG, then LC_ALL/LC_MESSAGES/LANG, else zh.",
        show_default=False,
    ),
]
ColorOpt = Annotated[
    ColorChoice,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour: auto honours NO_COLOR/FORCE_COLOR and is off when stdout is not a terminal.",
    ),
]
TreeOpt = Annotated[
    str | None,
    typer.Option(
        "--tree",
        metavar="PATH",
        envvar="ICP_FAQ_TREE",
        help="Tree file to use instead of the packaged one.",
        show_default=False,
    ),
]

app = typer.Typer(
    name="icp-faq",
    help=(
        "Answers to the ICP filing transfer (接入备案) FAQ of Alibaba Cloud: a guided session "
        "(ask), one-shot lookups (explain, list, search, tree) and a tree checker (validate)."
    ),
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --------------------------------------------------------------------------- helpers


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Print ``icp-faq: error: MESSAGE`` to stderr and exit with ``code``."""
    raise CliError(message, code)


def warn(message: str) -> None:
    """A warning on stderr; never on stdout, which is for data."""
    sys.stderr.write(f"icp-faq: warning: {message}\n")


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn the project's errors into a one-line message and the documented exit code."""
    try:
        yield
    except CliError as exc:
        sys.stderr.write(f"icp-faq: error: {exc.message}\n")
        raise typer.Exit(int(exc.code)) from None
    except FaqFileError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(int(ExitCode.USAGE if exc.missing else ExitCode.INVALID_TREE)) from None
    except KeyboardInterrupt:
        sys.stderr.write("\nicp-faq: interrupted\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (``icp-faq list | head -1``). Click would exit 1 here, which
        # scripts read as "nothing found"; end quietly with 0 instead, as run() does.
        _stdout_to_devnull()
        raise typer.Exit(int(ExitCode.OK)) from None


def _stdout_to_devnull() -> None:
    """Point stdout's descriptor at /dev/null so later flushes cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real descriptor (tests): nothing left to protect
        pass


def resolve_lang(option: LangChoice | None) -> Lang:
    """``--lang`` if given, else the environment's default."""
    return "en" if option == LangChoice.en else "zh" if option == LangChoice.zh else default_lang()


def load(tree_option: str | None, *, topics_only: bool = False) -> Tree:
    """Load the selected tree (via the parsed-tree cache); errors become exit 2 or 3.

    ``topics_only`` skips the questions and outcomes (the tree has none): for commands
    that only read topics, so that large trees start fast.
    """
    from .cache import load_tree_cached

    return _keep(load_tree_cached(tree_path(tree_option), topics_only=topics_only))


# Set by main(): only a real process may freeze what it has loaded (see _keep).
_PROCESS = {"owned": False}


def _keep(model: Tree) -> Tree:
    """In a real process, exempt the loaded tree from garbage collection: it lives as long
    as the process. A large tree is hundreds of thousands of objects that the next full
    collection would walk for nothing (a tenth of ``validate``'s time at 10,000 nodes).
    Not done when the app runs inside another program (tests, CliRunner)."""
    if _PROCESS["owned"]:
        import gc

        gc.freeze()
    return model


def emit(text: str) -> None:
    """Write data to stdout, ending with exactly one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_json(data: Any) -> None:
    """Write ``data`` as pretty, UTF-8 (not \\u-escaped) JSON."""
    emit(json.dumps(data, ensure_ascii=False, indent=2))


def make_console(color: ColorChoice, *, stderr: bool = False) -> Console:
    """A rich Console on stdout (or stderr) that follows ``--color`` and the terminal."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 here; let errors_to_exit() end quietly with 0 instead.
            self.quiet = True
            raise BrokenPipeError

    stream = sys.stderr if stderr else sys.stdout
    is_tty = stream.isatty()
    colored = use_color(color.value, is_tty)
    return _Console(
        file=stream,
        force_terminal=colored,
        color_system=("auto" if is_tty else "standard") if colored else None,
        no_color=not colored,
        highlight=False,
        emoji=False,
    )


def emit_rich(renderable: RenderableType, color: ColorChoice) -> None:
    """Print a rich renderable to stdout with the colour rules applied."""
    make_console(color).print(renderable)


# --------------------------------------------------------------------------- app


def _version(value: bool) -> None:
    if value:
        emit(f"icp-faq {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    if sys.stdin.isatty() and sys.stdout.isatty():
        ctx.invoke(ctx.command.commands["ask"])  # type: ignore[attr-defined]
        return
    # No terminal to ask on: say what to run instead (typer's rich help would go to stdout).
    sys.stderr.write(
        "icp-faq: error: no command given; run 'icp-faq --help' for the commands,"
        " or 'icp-faq ask' in a terminal for the guided session\n"
    )
    raise typer.Exit(int(ExitCode.USAGE))


# --------------------------------------------------------------------------- guided session
# ask: the main job, listed first in --help.


class SessionFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def ask(
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
    fmt: Annotated[
        SessionFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format of the result."),
    ] = SessionFormat.text,
    record: Annotated[
        str | None,
        typer.Option(
            "--record",
            metavar="FILE",
            help="Save the answers (YAML, or JSON for *.json) for --answers-file to replay.",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    color: ColorOpt = ColorChoice.auto,
    tree: TreeOpt = None,
) -> None:
    """Answer a few questions and get the steps for your case (the guided session)."""
    from .answers import check_record_path, parse_answer_options, read_answers_file
    from .engine import AnswerError, Missing, TreeWalkError, resolve

    with errors_to_exit():
        language = resolve_lang(lang)
        if record:
            check_record_path(record)
        given: dict[str, str] = {}
        if answers_file:
            stdin_text = sys.stdin.read() if answers_file == "-" else None
            given.update(read_answers_file(answers_file, stdin_text))
        given.update(parse_answer_options(answer or []))
        model = load(tree)
        try:
            found = resolve(model, given)
        except AnswerError as exc:
            fail(str(exc))
        except TreeWalkError as exc:
            fail(f"{model.path}: {exc}", ExitCode.INVALID_TREE)
        for qid in found.ignored:
            warn(f"ignored the answer to '{qid}': that question is not on the path of your answers")
        if not isinstance(found, Missing):
            _session_result(found, model, language, fmt, color, record)
            return
        prompt_stream = _prompt_stream(no_input or answers_file == "-")
        if prompt_stream is None:
            fail(_missing_message(found.question, language))
        _interactive(given, model, language, fmt, color, record, prompt_stream)


def _prompt_stream(never: bool) -> Any:
    """Where prompts can go: stdout, else stderr when stdout is piped; None means no prompts."""
    if never or not sys.stdin.isatty():
        return None
    if sys.stdout.isatty():
        return sys.stdout
    return sys.stderr if sys.stderr.isatty() else None


def _missing_message(question: Question, lang: Lang) -> str:
    valid = ", ".join(c.id for c in question.choices)
    return (
        f"no answer for question '{question.id}' ({question.text.get(lang)}); "
        f"valid choices: {valid}; pass --answer {question.id}=CHOICE"
    )


def _session_result(
    result: Result,
    model: Tree,
    lang: Lang,
    fmt: SessionFormat,
    color: ColorChoice,
    record: str | None,
) -> None:
    """Print the outcome in ``fmt`` and save the answers when asked to."""
    from .render.session import outcome_renderable, result_data, result_markdown

    if record:
        _record(record, {s.question.id: s.choice.id for s in result.steps})
    if fmt == SessionFormat.json:
        emit_json(result_data(result, lang))
    elif fmt == SessionFormat.markdown:
        emit(result_markdown(result, model, lang))
    else:
        console = make_console(color)
        with console.capture() as captured:
            console.print(outcome_renderable(result, model, lang))
        # Hanging indents are grids; drop the padding they leave at the ends of lines.
        emit("\n".join(line.rstrip() for line in captured.get().splitlines()))


def _record(path: str, answers: dict[str, str]) -> None:
    from .answers import write_record

    write_record(path, answers)


def _interactive(
    given: dict[str, str],
    model: Tree,
    lang: Lang,
    fmt: SessionFormat,
    color: ColorChoice,
    record: str | None,
    stream: Any,
) -> None:
    """Walk the tree with prompts on ``stream``; the outcome menu only on a text terminal."""
    from . import prompts
    from .engine import Walk

    menu = fmt == SessionFormat.text and stream is sys.stdout
    console = make_console(color, stderr=stream is not sys.stdout)
    colored = use_color(color.value, stream.isatty())
    session = prompts.Session(
        Walk.begin(model, given),
        lang,
        prompts.Prompter.on(stream, lang, color=colored),
        console.print,
        menu=menu,
    )
    try:
        walk = session.run()
    except EOFError:
        if record:
            _record(record, session.walk.as_mapping())
        question = session.walk.question
        fail(_missing_message(question, lang) if question else "input ended")
    except BaseException:
        # Ctrl-C, SIGTERM: keep what was answered so far, written atomically.
        if record:
            _record(record, session.walk.as_mapping())
        raise
    if menu:
        if record:
            _record(record, walk.as_mapping())
        return
    _session_result(walk.result(), model, lang, fmt, color, record)


# --------------------------------------------------------------------------- one-shot commands
# explain, list, search, tree. Text goes through rich only for explain and tree;
# JSON, list and search write plain strings so that rich is never imported for them.


TextOrJsonOpt = Annotated[
    TextOrJson, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]


class ExplainFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class TreeFormat(str, Enum):
    text = "text"
    json = "json"
    mermaid = "mermaid"
    dot = "dot"


def _complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: topic ids (with titles as help) from --tree or the packaged tree."""
    try:
        tree = load(ctx.params.get("tree"), topics_only=True)
        lang = resolve_lang(ctx.params.get("lang"))
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [(t.id, _short(t.title.get(lang))) for t in tree.topics if t.id.startswith(incomplete)]


def _short(text: str, width: int = 48) -> str:
    """One short line of help for a completion menu."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _columns(topics: Sequence[Topic], lang: Lang, color: ColorChoice) -> str:
    """``id  title`` lines, ids padded to one width; ids bold when colour is on.

    Plain string formatting, not rich: ``list`` and ``search`` stay fast to start.
    """
    width = max((len(t.id) for t in topics), default=0)
    bold = use_color(color.value, sys.stdout.isatty())
    lines = []
    for t in topics:
        pad = " " * (width - len(t.id))
        shown = f"\x1b[1m{t.id}\x1b[0m" if bold else t.id
        lines.append(f"{shown}{pad}  {t.title.get(lang)}")
    return "\n".join(lines)


@app.command()
def explain(
    topic: Annotated[
        str,
        typer.Argument(
            metavar="TOPIC",
            help="A topic id, a unique prefix of one, or its zh or en title.",
            autocompletion=_complete_topic,
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ExplainFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ExplainFormat.text,
    lang: LangOpt = None,
    color: ColorOpt = ColorChoice.auto,
    tree: TreeOpt = None,
) -> None:
    """Show one topic in full: answer, key points, links, related topics and source."""
    from .search import resolve

    with errors_to_exit():
        language = resolve_lang(lang)
        model = load(tree, topics_only=True)
        found = resolve(model, topic)
        if fmt == ExplainFormat.json:
            from .render.data import topic_data

            emit_json(topic_data(found, language))
        elif fmt == ExplainFormat.markdown:
            from .render.markdown import topic_markdown

            emit(topic_markdown(found, language, tree=model))
        else:
            from .render.text import topic_renderable

            emit_rich(topic_renderable(found, language, tree=model), color)


@app.command("list")
def list_(
    fmt: TextOrJsonOpt = TextOrJson.text,
    lang: LangOpt = None,
    color: ColorOpt = ColorChoice.auto,
    tree: TreeOpt = None,
) -> None:
    """List every topic in the order of the source page: id and title."""
    with errors_to_exit():
        language = resolve_lang(lang)
        model = load(tree, topics_only=True)
        if fmt == TextOrJson.json:
            from .render.data import list_data

            emit_json(list_data(model, language))
        elif model.topics:
            emit(_columns(model.topics, language, color))


@app.command()
def search(
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
    fmt: TextOrJsonOpt = TextOrJson.text,
    lang: LangOpt = None,
    color: ColorOpt = ColorChoice.auto,
    tree: TreeOpt = None,
) -> None:
    """Rank topics for a question in either language. Exit 1 when nothing matches."""
    from .cache import search_index
    from .search import search as rank

    with errors_to_exit():
        language = resolve_lang(lang)
        text = " ".join(query).strip()
        if not text:
            fail("QUERY is empty; give some words to search for")
        model = load(tree, topics_only=True)
        hits = rank(model, text, limit, index=search_index(tree_path(tree), model))
        if fmt == TextOrJson.json:
            from .render.data import search_data

            emit_json(search_data(hits, language))
        elif hits:
            emit(_columns([t for t, _ in hits], language, color))
        if not hits:
            sys.stderr.write(f"icp-faq: no topic matches '{text}'; try 'icp-faq list'\n")
            raise typer.Exit(int(ExitCode.NOT_FOUND))


@app.command("tree")
def tree_(
    fmt: Annotated[
        TreeFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = TreeFormat.text,
    lang: LangOpt = None,
    color: ColorOpt = ColorChoice.auto,
    tree: TreeOpt = None,
) -> None:
    """Show the decision tree: text, JSON, Mermaid (renders on GitHub) or Graphviz dot."""
    with errors_to_exit():
        language = resolve_lang(lang)
        model = load(tree)
        if fmt == TreeFormat.json:
            from .render.data import tree_data

            emit_json(tree_data(model, language))
        elif fmt == TreeFormat.mermaid:
            from .render.graph import mermaid

            emit(mermaid(model, language))
        elif fmt == TreeFormat.dot:
            from .render.graph import dot

            emit(dot(model, language))
        else:
            from .render.text import tree_renderable

            emit_rich(tree_renderable(model, language), color)


# --------------------------------------------------------------------------- export


class ExportFormat(str, Enum):
    html = "html"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ExportFormat.html,
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
    lang: LangOpt = None,
    tree: TreeOpt = None,
) -> None:
    """Write the guided session as one self-contained web page (--lang: its first language)."""
    from .export import output_target, render, write_atomic

    with errors_to_exit():
        language = resolve_lang(lang)
        target = output_target(output) if output not in (None, "-") else None
        page = render(load(tree), language, fmt.value)
        if target is None:
            emit(page)
        else:
            write_atomic(target, page, str(output))


# --------------------------------------------------------------------------- validate


@app.command()
def validate(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            help="Tree file to check (default: --tree, then the packaged tree).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = TextOrJson.text,
    tree: TreeOpt = None,
) -> None:
    """Check a tree file: its YAML, its shape and its graph. Exit 0 when clean, 3 otherwise."""
    from .validate import check, has_errors

    with errors_to_exit():
        target = tree_path(path or tree)
        shown = str(path or tree or target)
        try:
            from .loader import build_tree, parse_file

            data = parse_file(target)
            model = _keep(build_tree(data, shown))
        except FaqFileError as exc:
            if exc.missing:
                raise
            exc.path = shown
            if fmt == TextOrJson.json:
                emit_json([_finding_json(shown, exc.line, exc.col, "error", "load", exc.message)])
            else:
                emit(str(exc))
                sys.stderr.write(f"{shown}: invalid: the file cannot be loaded\n")
            raise typer.Exit(int(ExitCode.INVALID_TREE)) from None
        findings = check(model)
        failed = has_errors(findings, strict=strict)
        if fmt == TextOrJson.json:
            emit_json(
                [
                    _finding_json(
                        shown,
                        f.pos.line,
                        f.pos.col,
                        "error" if strict else f.severity,
                        f.code,
                        f.message,
                    )
                    for f in findings
                ]
            )
        else:
            if findings:
                emit("\n".join(f.line(shown, strict=strict) for f in findings))
            errors = sum(1 for f in findings if strict or f.severity == "error")
            warnings = len(findings) - errors
            counts = (
                f"{len(model.topics)} topics, {len(model.questions)} questions, "
                f"{len(model.outcomes)} outcomes"
            )
            verdict = "invalid" if failed else "ok"
            sys.stderr.write(
                f"{shown}: {verdict}: {counts}; {errors} error(s), {warnings} warning(s)\n"
            )
        if failed:
            raise typer.Exit(int(ExitCode.INVALID_TREE))


def _finding_json(
    path: str, line: int, col: int, severity: str, code: str, message: str
) -> dict[str, Any]:
    return {
        "path": path,
        "line": line,
        "col": col,
        "severity": severity,
        "code": code,
        "message": message,
    }


# --------------------------------------------------------------------------- entry point


def _std_streams() -> None:
    """Have all three standard streams, and write UTF-8 whatever the locale (C/POSIX too).

    A process started with a standard stream closed (``icp-faq ask 0<&-``, some CI runners)
    gets ``None`` from Python: stdin becomes an empty, non-terminal input (so the
    missing-answer rule applies), stdout and stderr a sink.
    """
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding != "utf8":
            reconfigure(encoding="utf-8", errors="backslashreplace")


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(int(ExitCode.TERMINATED))


def run(argv: list[str] | None = None) -> int:
    """Run the app and return its exit code; never raises for bad input."""
    import signal

    from typer._click.exceptions import ClickException  # typer 0.28 vendors click

    _std_streams()
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        rv = app(args=argv, prog_name="icp-faq", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except ClickException as exc:
        exc.show()
        return exc.exit_code
    except typer.Abort:
        sys.stderr.write("\nicp-faq: interrupted\n")
        return int(ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        sys.stderr.write("\nicp-faq: interrupted\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (``icp-faq list | head -1``): end quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as exc:
        if os.environ.get("ICP_FAQ_DEBUG"):
            raise
        sys.stderr.write(
            f"icp-faq: internal error: {type(exc).__name__}: {exc}\n"
            "Please report it; ICP_FAQ_DEBUG=1 shows the traceback.\n"
        )
        return int(ExitCode.INTERNAL)


def main(argv: list[str] | None = None) -> NoReturn:
    """Console-script entry point."""
    _PROCESS["owned"] = True
    code = run(argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
