"""Safe by construction: nothing clobbered, nothing cached, nothing injected, no crash or hang
from a tree, an answers file, a stream or the environment. One test (or more) per defect of
the hostile-input review; the comment before each names the defect."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer

from conftest import DATA, SHIPPED
from icp_faq.engine import Walk, depths
from icp_faq.env import Environment
from icp_faq.errors import ExitCode, OutputError
from icp_faq.loader import build_tree, parse_text
from icp_faq.model import Question, Tree
from support import environment, invoke

MINIMAL = DATA / "minimal.yaml"
ESC = "\x1b"


def icp_faq(
    *args: str,
    cwd: Path | None = None,
    stdin: int | None = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    **kwargs: object,
) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ICP_FAQ_", "LC_", "LANG"))}
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "icp_faq", *args],
        cwd=cwd,
        stdin=stdin,
        env={**base, **(env or {})},
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
        **kwargs,
    )


ASK = ("ask", "-a", "goal=leave", "-a", "keep-number=delete", "-f", "json")

# --------------------------------------------------------------------------- 1. --record


@pytest.mark.parametrize("kind", ["fifo", "symlink", "hardlink", "directory"])
def test_record_refuses_a_target_that_is_not_a_regular_file_of_its_own(
    tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "answers.yaml"
    other = tmp_path / "other.txt"
    other.write_text("keep me\n", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(other)
    elif kind == "hardlink":
        os.link(other, target)
    else:
        target.mkdir()
    r = invoke(*ASK, "--record", str(target))
    assert r.exit_code == ExitCode.USAGE, r.stderr
    assert r.stdout == ""  # refused before anything happened
    assert "--record" in r.stderr
    assert other.read_text(encoding="utf-8") == "keep me\n"
    assert target.is_fifo() if kind == "fifo" else True
    assert target.is_symlink() == (kind == "symlink")


def test_record_refuses_a_device() -> None:
    r = invoke(*ASK, "--record", os.devnull)
    assert r.exit_code == ExitCode.USAGE and "not a regular file" in r.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize(("value", "why"), [("", "needs a file name"), ("newdir/", "directory")])
def test_record_needs_a_file_name(tmp_path: Path, value: str, why: str) -> None:
    os.chdir(tmp_path)
    r = invoke(*ASK, "--record", value)
    assert r.exit_code == ExitCode.USAGE and why in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_record_keeps_an_existing_files_mode_and_writes_the_real_path(tmp_path: Path) -> None:
    target = tmp_path / "my answers.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    r = invoke(*ASK, "--record", str(target))
    assert r.exit_code == 0, r.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert f"--answers-file '{target}'" in text.splitlines()[0]  # not THIS_FILE
    assert '"keep-number": "delete"' in text


def test_record_failing_on_the_way_out_is_a_warning_not_the_exit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ctrl-C on a full disk: the answers cannot be saved, and the exit is still 130."""
    from icp_faq import ask

    def full(path: str, answers: object) -> None:
        raise OutputError(f"--record {path}: cannot write: No space left on device")

    monkeypatch.setattr(ask, "write_record", full)
    env = environment()
    ask._save(env, str(tmp_path / "a.yaml"), {"goal": "leave"})  # must not raise
    assert "your answers were not saved" in env.stderr.getvalue()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- 2-7. no cache


def test_commands_write_nothing_anywhere(tmp_path: Path) -> None:
    """No cache: nothing another user could plant or read, no HOME or XDG rules to get wrong."""
    work = tmp_path / "work"
    work.mkdir()
    for environ in ({"HOME": ""}, {"XDG_CACHE_HOME": "relative/cache"}, {"HOME": str(tmp_path)}):
        env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
        for args in (["list"], ["search", "驳回"], ["explain", "skip-access"], ["tree"]):
            done = subprocess.run(
                [sys.executable, "-m", "icp_faq", *args],
                cwd=work,
                env={**env, **environ},
                capture_output=True,
                timeout=60,
                check=False,
            )
            assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["work"]
    assert list(work.iterdir()) == []


def test_an_edited_tree_is_read_as_it_is_now_even_within_the_same_second(tmp_path: Path) -> None:
    path = tmp_path / "tree.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = json.loads(invoke("list", "--tree", str(path), "-f", "json").stdout)
    stamp = path.stat().st_mtime_ns
    path.write_text(text.replace("The alpha question", "The ALPHA question"), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))  # same size, same time: a cache keyed on them would miss
    again = json.loads(invoke("list", "--tree", str(path), "-L", "en", "-f", "json").stdout)
    assert first[0]["title"] == "甲问题" and again[0]["title"] == "The ALPHA question"


def test_a_tree_path_that_is_not_utf8_works(tmp_path: Path) -> None:
    odd = os.path.join(os.fsencode(tmp_path), b"bad\xff.yaml")
    with open(odd, "wb") as f:
        f.write(MINIMAL.read_bytes())
    done = icp_faq("list", "--tree", os.fsdecode(odd))
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(os.fsencode(tmp_path))) == [b"bad\xff.yaml"]


# --------------------------------------------------------------------------- 8-10. injection


def test_answers_file_keys_and_values_are_escaped_in_messages(tmp_path: Path) -> None:
    bad = tmp_path / "a.json"
    bad.write_text(json.dumps({"goal\u001b]0;pwned\u0007": "x\u202e"}), encoding="utf-8")
    r = invoke("ask", "--answers-file", str(bad))
    assert r.exit_code == ExitCode.USAGE
    assert ESC not in r.stderr and "\u202e" not in r.stderr and "\\x1b" in r.stderr
    r = invoke("ask", "-a", "goal=\u001b[2Jgone")
    assert r.exit_code == ExitCode.USAGE and ESC not in r.stderr


def test_a_search_query_is_escaped_when_echoed() -> None:
    r = invoke("search", "\u001b]0;title\u0007zzzz")
    assert ESC not in r.stdout + r.stderr


def _tree_with(tmp_path: Path, old: str, new: str) -> Path:
    """The minimal tree with every ``old`` replaced by ``new``."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "tree.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_link_cannot_inject_a_second_link_into_markdown(tmp_path: Path) -> None:
    evil = "https://example.com/a)[Reset](https://evil.example/login"
    path = _tree_with(tmp_path, "url: https://example.com/alpha", f'url: "{evil}"')
    path.write_text(
        path.read_text(encoding="utf-8").replace("Alpha link", '"Alpha](https://evil.example)"'),
        encoding="utf-8",
    )
    for args in (["explain", "alpha"], ["ask", "-a", "goal=a"]):
        r = invoke(*args, "--tree", str(path), "-L", "en", "-f", "markdown")
        assert r.exit_code == 0, r.stderr
        targets = re.findall(r"(?<!\\)\]\(([^)]*)\)", r.stdout)  # unescaped ](...) only
        assert len(targets) == 1, targets  # the one real link, and no second one
        assert targets[0].startswith("https://example.com/a%29%5BReset%5D%28")


def test_rich_markup_in_a_tree_is_shown_as_written(tmp_path: Path) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from icp_faq.loader import load_tree
    from icp_faq.prompts import Prompter, Session

    markup = "Press [/] to go on; [link=https://evil.example]click[/link] [bold]x"
    path = _tree_with(
        tmp_path,
        '    text: {zh: 您想做什么？, en: "What do you want to do?"}',
        '    text: {zh: 您想做什么？, en: "What do you want to do?"}\n'
        f'    help: {{zh: 说明, en: "{markup}"}}',
    )
    tree = load_tree(path)
    env = environment()
    shown: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text("\r")
        prompter = Prompter("en", input=inp, output=DummyOutput())
        Session(
            Walk.begin(tree), "en", prompter, lambda r: shown.append(env.render(r)), menu=False
        ).run()
    assert shown == [markup]  # no crash on [/], no hidden URL, no bold
    r = invoke("tree", "--tree", str(path), "-L", "en")  # tree text: the markup, not a style
    assert r.exit_code == 0


# --------------------------------------------------------------------------- 12-14. big trees


def _next(i: int, n: int) -> str:
    return f"q{i + 1}" if i + 1 < n else "done"


def _lattice(n: int) -> Tree:
    """``n`` questions, each with two choices leading to the next one: 2**n paths."""
    qs = [
        f"  - id: q{i}\n    text: {{zh: 问{i}, en: Q{i}}}\n    choices:\n"
        + "".join(
            f"      - {{id: {c}, label: {{zh: {c}, en: {c}}}, next: {_next(i, n)}}}\n"
            for c in ("a", "b")
        )
        for i in range(n)
    ]
    text = (
        "format: 1\ntitle: {zh: 题, en: T}\nstart: q0\n"
        "topics:\n  - {id: t, title: {zh: 题, en: T}, answer: {zh: 答, en: A},"
        " source: {title: s, anchor: a}}\n"
        "questions:\n" + "".join(qs) + "outcomes:\n"
        "  - {id: done, title: {zh: 完, en: Done}, steps: [{zh: 步, en: S}], topics: [t]}\n"
    )
    return build_tree(parse_text(text, "lattice.yaml"), "lattice.yaml")


def test_step_totals_are_linear_in_the_size_of_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _lattice(40)
    calls = {"n": 0}
    real = Tree.question

    def counted(self: Tree, node_id: str) -> Question | None:
        calls["n"] += 1
        return real(self, node_id)

    monkeypatch.setattr(Tree, "question", counted)
    table = depths(tree)
    assert table["q0"] == 40 and table["q39"] == 1
    assert calls["n"] <= 2 * 40  # each choice looked at once, not once per path (2**40)
    walk = Walk.begin(tree)
    assert (walk.number, walk.total) == (1, 40)
    assert walk.answer("b").total == 40


def test_a_chain_of_1200_questions_shows_and_walks(tmp_path: Path) -> None:
    n = 1200
    path = tmp_path / "chain.yaml"
    qs = "".join(
        f"  - id: q{i}\n    text: {{zh: 问{i}, en: Q{i}}}\n    choices:\n"
        f"      - {{id: a, label: {{zh: 甲, en: A}}, next: {_next(i, n)}}}\n"
        f"      - {{id: b, label: {{zh: 乙, en: B}}, next: done}}\n"
        for i in range(n)
    )
    path.write_text(
        "format: 1\ntitle: {zh: 题, en: T}\nstart: q0\n"
        "topics:\n  - {id: t, title: {zh: 题, en: T}, answer: {zh: 答, en: A},"
        " source: {title: s, anchor: a}}\n"
        f"questions:\n{qs}outcomes:\n"
        "  - {id: done, title: {zh: 完, en: Done}, steps: [{zh: 步, en: S}], topics: [t]}\n",
        encoding="utf-8",
    )
    r = invoke("tree", "--tree", str(path))
    assert r.exit_code == 0, r.stderr[-500:]
    assert "q1199" in r.stdout
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({f"q{i}": "a" for i in range(n)}), encoding="utf-8")
    r = invoke("ask", "--tree", str(path), "--answers-file", str(answers), "-f", "json")
    assert r.exit_code == 0, r.stderr[-500:]
    assert len(json.loads(r.stdout)["answers"]) == n


def test_a_tree_without_topics_searches_and_explains_without_crashing(tmp_path: Path) -> None:
    path = tmp_path / "empty-topics.yaml"
    path.write_text(
        "format: 1\ntitle: {zh: 题, en: T}\nstart: q\ntopics: []\nquestions:\n"
        "  - id: q\n    text: {zh: 问, en: Q}\n    choices:\n"
        "      - {id: a, label: {zh: 甲, en: A}, next: out}\n"
        "      - {id: b, label: {zh: 乙, en: B}, next: out}\n"
        "outcomes:\n  - {id: out, title: {zh: 完, en: Out}, covered: false,"
        " steps: [{zh: 步, en: S}], topics: [], links: [{title: {zh: 链, en: L},"
        " url: 'https://example.com'}]}\n",
        encoding="utf-8",
    )
    assert invoke("search", "abc", "--tree", str(path)).exit_code == ExitCode.NOT_FOUND
    assert invoke("explain", "x", "--tree", str(path)).exit_code == ExitCode.USAGE
    assert invoke("list", "--tree", str(path)).exit_code == 0


# --------------------------------------------------------------------------- 15. stdin


def test_an_endless_answers_stream_is_cut_at_the_cap() -> None:
    yes = subprocess.Popen(["yes", "goal: leave"], stdout=subprocess.PIPE)
    assert yes.stdout is not None
    try:
        done = icp_faq("ask", "--answers-file", "-", stdin=yes.stdout.fileno())
    finally:
        yes.kill()
        yes.wait()
        yes.stdout.close()
    assert done.returncode == ExitCode.USAGE
    assert b"larger than 16,777,216 bytes" in done.stderr


def test_zero_bytes_on_stdin_are_refused() -> None:
    with open("/dev/zero", "rb") as zero:
        done = icp_faq("ask", "--answers-file", "-", stdin=zero.fileno())
    assert done.returncode == ExitCode.USAGE
    assert b"Traceback" not in done.stderr


def test_stdin_is_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    answers = "goal: 不再使用阿里云，或删除备案\nkeep-number: 删除备案信息\n".encode()
    done = subprocess.run(
        [sys.executable, "-m", "icp_faq", "ask", "--answers-file", "-", "-f", "json"],
        input=answers,
        env={**os.environ, "PYTHONIOENCODING": "latin-1", "LANG": "C"},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["outcome"]["id"]


# --------------------------------------------------------------------------- 16. full disk


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_disk_is_an_io_error_not_a_bug() -> None:
    for args in (["list"], ["explain", "skip-access"], ["--help"], list(ASK)):
        with open("/dev/full", "w") as full:
            done = icp_faq(*args, stdout=full)  # type: ignore[arg-type]
        assert done.returncode == ExitCode.IO_ERROR, (args, done.stderr)
        assert b"cannot write the output" in done.stderr and b"bug" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_stderr_changes_neither_the_exit_nor_the_data() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "icp_faq", "explain", "nope"],
            stderr=full,
            stdout=subprocess.PIPE,
            timeout=60,
            check=False,
        )
        assert done.returncode == ExitCode.USAGE
        warned = subprocess.run(
            [sys.executable, "-m", "icp_faq", *ASK, "-a", "review-status=pending"],
            stderr=full,
            stdout=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert warned.returncode == 0
    assert json.loads(warned.stdout)["outcome"]["id"]


# --------------------------------------------------------------------------- 17. pipes, signals


def test_help_into_a_closed_pipe_ends_quietly() -> None:
    done = subprocess.run(
        ["sh", "-c", f"'{sys.executable}' -m icp_faq --help | head -c1"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.stdout == b"U"
    assert done.stderr == b""
    status = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m icp_faq --help | head -c1 >/dev/null;"
         " echo ${PIPESTATUS[0]}"],
        capture_output=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert status.stdout.strip() == b"0"


def test_ctrl_c_while_the_libraries_load_is_an_interrupt_not_a_traceback() -> None:
    code = (
        "import sys\n"
        "class Stop:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Stop())\n"
        "from icp_faq.entry import main\n"
        "main(['list'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == ExitCode.INTERRUPTED
    assert b"Traceback" not in done.stderr and b"interrupted" in done.stderr


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, ExitCode.TERMINATED), (signal.SIGHUP, ExitCode.HANGUP)],
)
def test_a_signal_outside_a_prompt_ends_with_its_code(signum: int, code: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "icp_faq", "ask", "--answers-file", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        time.sleep(1.5)  # reading stdin, which never ends
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == code
    assert b"Traceback" not in err


# --------------------------------------------------------------------------- 18. terminals


def test_a_one_column_terminal_still_shows_the_chinese() -> None:
    for args, text in (
        (["list"], "能否不把原有备案接入阿里云"),
        (["explain", "skip-access"], "能否不把原有备案接入阿里云"),
        (["tree"], "您现在想做什么"),
    ):
        r = invoke(*args, env={"COLUMNS": "1"})
        assert r.exit_code == 0
        assert text in r.stdout.replace("\n", "").replace(" ", "")
        assert "site-after-cancel-access" in r.stdout or args[0] != "tree"  # never split


@pytest.mark.parametrize("args", [["list"], ["search", "驳回"], ["explain", "skip-access"]])
def test_term_dumb_is_the_same_for_every_command(args: list[str]) -> None:
    auto = invoke(*args, env={"TERM": "dumb"}, tty=True)
    assert ESC not in auto.stdout
    always = invoke(*args, "--color", "always", env={"TERM": "dumb"}, tty=True)
    assert ESC in always.stdout


# --------------------------------------------------------------------------- what the tests missed


def test_a_bug_exits_70_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from icp_faq.search import lookup

    def broken(tree: object, name: str) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(lookup, "find_topic", broken)
    r = invoke("explain", "skip-access")
    assert r.exit_code == ExitCode.INTERNAL
    assert "internal error: RuntimeError: boom" in r.stderr and "report" in r.stderr


def test_typer_abort_is_an_interrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    from icp_faq.search import lookup

    def abort(tree: object, name: str) -> object:
        raise typer.Abort()

    monkeypatch.setattr(lookup, "find_topic", abort)
    assert invoke("explain", "skip-access").exit_code == ExitCode.INTERRUPTED


def test_prompts_never_go_to_a_stderr_that_is_not_a_terminal() -> None:
    env = Environment(
        stdin=io.StringIO(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin_tty=True,
        stdout_tty=False,
        stderr_tty=False,
        environ={},
    )
    from icp_faq.ask import prompt_stream

    assert prompt_stream(env, never=False) is None
    from dataclasses import replace

    assert prompt_stream(replace(env, stderr_tty=True), never=False) is env.stderr
    assert prompt_stream(replace(env, stdout_tty=True), never=False) is env.stdout


def test_unreadable_tree_file_even_as_root(tmp_path: Path) -> None:
    """Root reads everything, so the child drops to an unprivileged user first (everything it
    needs already imported); as another user, a chmod 000 file does."""
    path = tmp_path / "locked.yaml"
    path.write_bytes(SHIPPED.read_bytes())
    drop = ""
    if os.geteuid() == 0:
        drop = (
            "import icp_faq.cli, icp_faq.trees, icp_faq.validate, icp_faq.render.columns, yaml\n"
            "import typer.main, typer.core\n"
            "os.setgid(65534); os.setuid(65534)\n"  # nobody: tmp_path's 0700 parents keep it out
        )
    else:
        path.chmod(0)
    run = f"from icp_faq.entry import main\nmain(['list', '--tree', {str(path)!r}])\n"
    code = f"import os\n{drop}{run}"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False, cwd="/"
    )
    assert done.returncode == ExitCode.INVALID_TREE, done.stderr
    assert b"permission denied reading the tree file" in done.stderr
