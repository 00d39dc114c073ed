"""Answers from options and files, and the atomic --record writer."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from icp_faq.answers import (
    check_record_path,
    parse_answer_options,
    parse_answers_text,
    read_answers_file,
    record_text,
    write_record,
)
from icp_faq.errors import ExitCode
from icp_faq.errors import IcpFaqError as CliError


def test_answer_options_split_on_the_first_equals_and_the_last_wins() -> None:
    got = parse_answer_options(["goal=leave", " keep-number = a=b ", "goal=review"])
    assert got == {"goal": "review", "keep-number": "a=b"}


@pytest.mark.parametrize("raw", ["goal", "=leave", "goal=", "goal=  "])
def test_a_malformed_answer_option_is_a_usage_error(raw: str) -> None:
    with pytest.raises(CliError) as info:
        parse_answer_options([raw])
    assert info.value.exit_code == ExitCode.USAGE
    assert info.value.message == f"--answer expects QUESTION=CHOICE, got '{raw}'"


def test_yaml_and_json_answers_keep_yes_and_no_as_text() -> None:
    assert parse_answers_text("change-info: no\ngoal: move-hosting\n", "a.yaml") == {
        "change-info": "no",
        "goal": "move-hosting",
    }
    assert parse_answers_text('{"change-info": "yes"}', "a.json") == {"change-info": "yes"}
    assert parse_answers_text("", "empty.yaml") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- goal\n", "a.yaml:1:1: an answers file is a mapping of QUESTION: CHOICE"),
        ("goal: [a, b]\n", "a.yaml:1:7: the answer to 'goal' must be a choice id"),
        ("goal:\n", "a.yaml:1:1: the answer to 'goal' must be a choice id"),
        ("goal: a\ngoal: b\n", "a.yaml:2:1: duplicate key 'goal' (first defined at line 1)"),
        ("goal: [\n", "a.yaml:2:1:"),
    ],
)
def test_a_bad_answers_file_is_a_usage_error_with_its_position(text: str, message: str) -> None:
    with pytest.raises(CliError) as info:
        parse_answers_text(text, "a.yaml")
    assert info.value.exit_code == ExitCode.USAGE
    assert str(info.value).startswith(message.replace(": ", ": error: ", 1))


def test_a_missing_answers_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(CliError) as info:
        read_answers_file(str(tmp_path / "nope.yaml"))
    assert info.value.exit_code == ExitCode.USAGE
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: error: no such answers file"


def test_dash_reads_the_text_given_for_stdin() -> None:
    assert read_answers_file("-", io.StringIO("goal: leave\n")) == {"goal": "leave"}


def test_record_round_trips_through_the_answers_reader(tmp_path: Path) -> None:
    answers = {"goal": "move-hosting", "change-info": "no"}
    for name in ("rec.yaml", "rec.yml", "rec.json"):
        path = tmp_path / name
        write_record(str(path), answers)
        assert read_answers_file(str(path)) == answers
    assert json.loads((tmp_path / "rec.json").read_text()) == answers
    assert record_text(answers, "x.yaml").splitlines()[1:] == [
        '"goal": "move-hosting"',
        '"change-info": "no"',
    ]


def test_record_replaces_atomically_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("old\n")
    write_record(str(path), {"goal": "leave"})
    assert read_answers_file(str(path)) == {"goal": "leave"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]
    mode = path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_an_interrupted_record_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text('"goal": "review"\n')

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_record(str(path), {"goal": "leave"})
    assert path.read_text() == '"goal": "review"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


def test_record_paths_that_can_never_be_written_fail_early(tmp_path: Path) -> None:
    check_record_path(str(tmp_path / "ok.yaml"))
    for bad, why in [
        (tmp_path / "missing" / "a.yaml", "no such directory"),
        (tmp_path, "is a directory"),
    ]:
        with pytest.raises(CliError, match=why):
            check_record_path(str(bad))
