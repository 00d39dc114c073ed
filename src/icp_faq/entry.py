"""The process: the console script's ``main``, and ``run``, the one place errors become exits.

Everything a command raises ends here: icp-faq's own errors (each knows its exit code),
click's usage errors, Ctrl-C, SIGTERM and SIGHUP, a reader that went away, and bugs. This
module imports only the standard library at first, so that Ctrl-C during start-up is
handled like Ctrl-C later: a message and exit 130, never a traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from .errors import ExitCode, IcpFaqError, Signalled, UnknownTopic

if TYPE_CHECKING:
    from .env import Environment

PROG = "icp-faq"
INTERRUPTED = {"en": f"\n{PROG}: interrupted", "zh": f"\n{PROG}：已中断"}
MORE = {
    "en": f" (run '{PROG} list' to see every topic)",
    "zh": f"（运行 '{PROG} list' 查看全部问题）",
}
BUG = {
    "en": "This is a bug; please report it. ICP_FAQ_DEBUG=1 shows the traceback.",
    "zh": "这是程序缺陷，请报告给开发者；设置 ICP_FAQ_DEBUG=1 可显示调用栈。",
}


def _on_signal(signum: int, frame: object) -> None:
    raise Signalled(signum)


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP end the process through ``Signalled`` (so ``--record`` still saves)."""
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, _on_signal)


def repair_streams() -> None:
    """Have all three standard streams, and write UTF-8 whatever the locale (C/POSIX too).

    A process started with a standard stream closed (``icp-faq ask 0<&-``) gets ``None`` from
    Python: stdin becomes an empty, non-terminal input, stdout and stderr a sink.
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


def _to_devnull(stream: object) -> None:
    """Point a stream that can no longer be written (its reader went away, its disk is full)
    at /dev/null, so that no later flush fails again, Python's own at exit included."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no real descriptor (tests)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[attr-defined]


def run(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run one command line and return its exit code; never raises for anything but a bug
    when ``ICP_FAQ_DEBUG`` is set."""
    if env is None:
        from .env import Environment

        env = Environment.from_process()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        import typer
        from typer._click import exceptions as click_errors  # typer 0.28 vendors click
    except KeyboardInterrupt:
        env.message(f"\n{PROG}: interrupted")
        return int(ExitCode.INTERRUPTED)
    used: list[Environment] = [env]  # the command's own environment, once its options are read
    try:
        return _invoke(args, env, used)
    except IcpFaqError as exc:
        lang = used[-1].safe_lang
        report = exc.report(lang)
        if isinstance(exc, UnknownTopic):
            report += MORE[lang]
        if report:
            env.message(report)
        return int(exc.exit_code)
    except typer.Exit as exc:  # --help, --version
        return int(exc.exit_code)
    except click_errors.ClickException as exc:  # bad option or argument
        env.message(_click_message(exc))
        return int(ExitCode.USAGE)
    except (KeyboardInterrupt, typer.Abort, EOFError):
        env.message(INTERRUPTED[used[-1].safe_lang])
        return int(ExitCode.INTERRUPTED)
    except Signalled as exc:
        return exc.exit_code
    except BrokenPipeError:  # the reader went away (icp-faq list | head -1): end quietly
        _to_devnull(env.stdout)
        return int(ExitCode.OK)
    except OSError as exc:  # writing failed (typer's --help to a full disk): not a bug
        env.message(f"{PROG}: error: cannot write the output: {exc.strerror or exc}")
        return int(ExitCode.IO_ERROR)
    except Exception as exc:
        if env.environ.get("ICP_FAQ_DEBUG"):
            raise
        bug = BUG[used[-1].safe_lang]
        env.message(f"{PROG}: internal error: {type(exc).__name__}: {exc}\n{bug}")
        return int(ExitCode.INTERNAL)


def _invoke(args: list[str], env: Environment, used: list[Environment]) -> int:
    """Parse ``args`` and run the command, as click would, but with errors left to ``run``.

    ``used`` receives the environment the command ran in (its ``--lang`` applied), so that
    ``run`` reports errors in the command's language.
    """
    import typer

    from .cli import app

    command = typer.main.get_command(app)
    if not gc.isenabled():  # main() paused collection for start-up
        gc.freeze()  # what start-up built lives until exit: no later collection walks it
        gc.enable()  # the command collects as usual (an ask session makes garbage)
    command._main_shell_completion({}, PROG, None)  # exits when the shell asks to complete
    with command.make_context(PROG, args, obj=env) as ctx:
        try:
            command.invoke(ctx)
        finally:
            used.append(ctx.obj)
    return int(ExitCode.OK)


def _click_message(exc: BaseException) -> str:
    """A click usage error as one or two plain lines: the usage, then the problem."""
    from .model import safe_text

    ctx = getattr(exc, "ctx", None)
    usage = ctx.get_usage() + "\n" if ctx is not None else ""
    hint = f"Try '{ctx.command_path} --help' for help.\n" if ctx is not None else ""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    return f"{usage}{hint}{PROG}: error: {safe_text(message)}"


def _flush(stream: object, code: int) -> int:
    """Flush a standard stream before exit. One that cannot take what is left (a full disk)
    is pointed at /dev/null, so Python's own flush at exit cannot fail again (it would turn
    the exit status into 120); data lost on stdout makes a successful run exit 74."""
    try:
        stream.flush()  # type: ignore[attr-defined]
    except (OSError, ValueError) as exc:
        _to_devnull(stream)
        lost = stream is sys.stdout and not isinstance(exc, BrokenPipeError)
        if lost and code == ExitCode.OK:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(f"{PROG}: error: cannot write the output\n")
            return int(ExitCode.IO_ERROR)
    return code


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Console-script entry point."""
    # Start-up (imports, typer building its command) makes no garbage worth collecting, yet
    # collections during it and at exit cost every one-shot command ~24M instructions
    # (~8 ms); see docs/performance.md. ``_invoke`` turns collection back on.
    gc.disable()
    try:
        install_signal_handlers()
        repair_streams()
        code = run(argv)
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(f"\n{PROG}: interrupted\n")
        code = int(ExitCode.INTERRUPTED)
    except Signalled as exc:
        code = exc.exit_code
    code = _flush(sys.stdout, code)
    code = _flush(sys.stderr, code)
    gc.freeze()  # nothing needs collecting at exit: the interpreter's last collection skips it
    sys.exit(code)
