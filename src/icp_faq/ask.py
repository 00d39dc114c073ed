"""``icp-faq ask``: answers from options and files, then the prompts or the scripted result.

Answers given up front are applied first; a script gets the outcome without a prompt, and
a person at a terminal is asked only what is still open. ``--record`` saves the answers
given, also when the session ends early (Ctrl-C, SIGTERM, SIGHUP, end of input).
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from .answers import check_record_path, parse_answer_options, read_answers_file, write_record
from .engine import Result, resolve
from .errors import IcpFaqError, Interrupted, UsageError
from .files import write_file
from .model import Lang, Question, Tree
from .render._labels import label

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
    plain: bool = False,
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
        env.warn(
            f"ignored the answer to '{qid}': that question is not on the path of your answers",
            f"忽略了问题 '{qid}' 的回答：按您的其他回答，不会问到这个问题",
        )
    if isinstance(found, Result):
        if record is not None:
            write_record(record, found.as_mapping())
        write_result(env, found, tree, fmt)
        return
    stream = prompt_stream(env, never=no_input or answers_file == "-")
    if stream is None:
        raise missing(found.question)
    _interactive(env, given, tree, fmt, record, stream, plain)


def prompt_stream(env: Environment, *, never: bool) -> Any:
    """Where prompts can go: stdout, else stderr when stdout is piped; None means no prompts."""
    if never or not env.stdin_tty:
        return None
    if env.stdout_tty:
        return env.stdout
    return env.stderr if env.stderr_tty else None


def missing(question: Question) -> UsageError:
    """What a script is told when an answer is missing: the question and its choices."""
    valid = ", ".join(c.id for c in question.choices)
    return UsageError(
        f"no answer for question '{question.id}' ({question.text.get('en')}); "
        f"valid choices: {valid}; pass --answer {question.id}=CHOICE",
        f"问题 '{question.id}'（{question.text.get('zh')}）没有回答；"
        f"可用的选项：{valid}；请用 --answer {question.id}=选项 给出",
    )


def write_result(env: Environment, result: Result, tree: Tree, fmt: str) -> None:
    """The outcome in ``fmt``, to stdout."""
    if fmt == "json":
        from .render.data import result_data

        env.json(result_data(result, env.lang))
    elif fmt == "markdown":
        from .render.markdown import result_markdown

        env.out(result_markdown(result, tree, env.lang))
    else:
        from .render.session import outcome_page

        env.show(outcome_page(result, tree, env.lang))


def _interactive(
    env: Environment,
    given: dict[str, str],
    tree: Tree,
    fmt: str,
    record: str | None,
    stream: Any,
    plain: bool,
) -> None:
    """Walk the tree with prompts on ``stream``; the outcome menu only on a text terminal."""
    from . import prompts
    from .engine import Walk
    from .render.markdown import result_markdown
    from .render.topic import topic_renderable
    from .session import Quit, Session

    on_stdout = stream is env.stdout
    color = env.color if on_stdout else env.stderr_color
    prompter: prompts.Prompter | prompts.PlainPrompter
    if plain or env.dumb:
        prompter = prompts.PlainPrompter(env.lang, stdin=env.stdin, stream=stream, width=env.width)
        color = False
    else:
        prompter = prompts.Prompter.on(
            stream, env.lang, width=env.width, color=color, default_output=on_stdout
        )

    def show(renderable: Any) -> None:
        stream.write(env.render(renderable, color=color) + "\n")
        stream.flush()

    def read(topic_id: str, lang: Lang) -> Any:
        topic = tree.topic(topic_id)
        assert topic is not None
        return topic_renderable(topic, lang, tree=tree)

    session = Session(
        Walk.begin(tree, given),
        env.lang,
        prompter,
        show,
        menu=fmt == "text" and on_stdout,
        save=lambda path, text: write_file(path, text),
        page=lambda walk, lang: result_markdown(walk.result(), tree, lang),
        read=read,
    )
    try:
        walk = session.run()
    except Quit:
        _save(env, record, session.walk.as_mapping())
        raise Interrupted(_quit_message(record, "en"), _quit_message(record, "zh")) from None
    except BaseException:
        # Ctrl-C, SIGTERM, SIGHUP: keep what was answered so far, written atomically.
        _save(env, record, session.walk.as_mapping())
        raise
    if record is not None:
        write_record(record, walk.as_mapping())
    if not session.menu:
        write_result(env.with_options(lang=session.lang), walk.result(), tree, fmt)


def _quit_message(record: str | None, lang: Lang) -> str:
    text = label("quit_early", lang)
    if record is not None:
        text += " " + label("resume", lang, path=shlex.quote(record))
    return text


def _save(env: Environment, record: str | None, answers: dict[str, str]) -> None:
    """Record on the way out; a failure is a warning, never what the session ends with."""
    if record is None:
        return
    try:
        write_record(record, answers)
    except IcpFaqError as exc:
        env.warn(f"your answers were not saved: {exc}", f"您的回答没有保存：{exc.text('zh')}")
