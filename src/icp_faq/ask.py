"""``icp-faq ask``: answers from options and files, then the prompts or the scripted result.

Answers given up front are applied first; a script gets the outcome without a prompt, and
a person at a terminal is asked only what is still open. ``--record`` saves the answers
given, also when the session ends early (Ctrl-C, SIGTERM, SIGHUP, end of input).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .answers import check_record_path, parse_answer_options, read_answers_file, write_record
from .engine import Result, resolve
from .errors import IcpFaqError, UsageError
from .model import Lang, Question, Tree

if TYPE_CHECKING:
    from .env import Environment


def ask_command(
    env: Environment,
    *,
    answers: list[str] | None = None,
    answers_file: str | None = None,
    no_input: bool = False,
    fmt: str = "text",
    record: str | None = None,
) -> None:
    """Run the guided session (or its scripted form) in ``env``."""
    from .trees import open_tree

    if record is not None:
        check_record_path(record)
    given: dict[str, str] = {}
    if answers_file:
        given.update(read_answers_file(answers_file, env.stdin))
    given.update(parse_answer_options(answers or []))
    tree = open_tree(env.tree)
    found = resolve(tree, given)
    for qid in found.ignored:
        env.warn(f"ignored the answer to '{qid}': that question is not on the path of your answers")
    if isinstance(found, Result):
        if record is not None:
            write_record(record, found.as_mapping())
        write_result(env, found, tree, fmt)
        return
    stream = prompt_stream(env, never=no_input or answers_file == "-")
    if stream is None:
        raise UsageError(missing_message(found.question, env.lang))
    _interactive(env, given, tree, fmt, record, stream)


def prompt_stream(env: Environment, *, never: bool) -> Any:
    """Where prompts can go: stdout, else stderr when stdout is piped; None means no prompts."""
    if never or not env.stdin_tty:
        return None
    if env.stdout_tty:
        return env.stdout
    return env.stderr if env.stderr_tty else None


def missing_message(question: Question, lang: Lang) -> str:
    """What a script is told when an answer is missing."""
    valid = ", ".join(c.id for c in question.choices)
    return (
        f"no answer for question '{question.id}' ({question.text.get(lang)}); "
        f"valid choices: {valid}; pass --answer {question.id}=CHOICE"
    )


def write_result(env: Environment, result: Result, tree: Tree, fmt: str) -> None:
    """The outcome in ``fmt``, to stdout."""
    from .render.session import outcome_renderable, result_data, result_markdown

    if fmt == "json":
        env.json(result_data(result, env.lang))
    elif fmt == "markdown":
        env.out(result_markdown(result, tree, env.lang))
    else:
        env.show(outcome_renderable(result, tree, env.lang))


def _interactive(
    env: Environment,
    given: dict[str, str],
    tree: Tree,
    fmt: str,
    record: str | None,
    stream: Any,
) -> None:
    """Walk the tree with prompts on ``stream``; the outcome menu only on a text terminal."""
    from . import prompts
    from .engine import Walk

    on_stdout = stream is env.stdout
    menu = fmt == "text" and on_stdout
    color = env.color if on_stdout else env.stderr_color
    session = prompts.Session(
        Walk.begin(tree, given),
        env.lang,
        prompts.Prompter.on(stream, env.lang, color=color, default_output=on_stdout),
        lambda renderable: stream.write(env.render(renderable, color=color) + "\n"),
        menu=menu,
    )
    try:
        walk = session.run()
    except EOFError:
        _save(env, record, session.walk.as_mapping())
        question = session.walk.question
        raise UsageError(
            missing_message(question, env.lang) if question else "input ended"
        ) from None
    except BaseException:
        # Ctrl-C, SIGTERM, SIGHUP: keep what was answered so far, written atomically.
        _save(env, record, session.walk.as_mapping())
        raise
    if menu:
        if record is not None:
            write_record(record, walk.as_mapping())
        return
    if record is not None:
        write_record(record, walk.as_mapping())
    write_result(env, walk.result(), tree, fmt)


def _save(env: Environment, record: str | None, answers: dict[str, str]) -> None:
    """Record on the way out; a failure is a warning, never what the session ends with."""
    if record is None:
        return
    try:
        write_record(record, answers)
    except IcpFaqError as exc:
        env.warn(f"your answers were not saved: {exc}")
