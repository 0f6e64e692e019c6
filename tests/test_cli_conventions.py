"""The command line keeps the conventions of good command-line tools: --version, help when
called bare, quiet on a closed pipe, documented exit codes, help on every option,
contradictory and negative values refused, shell completion."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.cli import build_parser, main
from bot.base.settings import SETTINGS
from bot.testing.helpers import run_cli


def run(args: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "SLACK_", "DATABASE_URL", "COALITION_"))
    }
    env.update({"COALITION_DATA_DIR": str(tmp_path / "data"), "LOG_LEVEL": "WARNING", **extra})
    return run_cli(*args, env=env, cwd=tmp_path, timeout=60)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == "coalition-bot 0.1.0\n"


@pytest.mark.parametrize("argv", [[], ["help"]])
def test_bare_and_help_print_the_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: coalition-bot [-h] [--version] COMMAND ...")
    assert "exit status:\n  0    answered\n  1    failure" in out
    assert "  2    usage or configuration (a bad option or setting)" in out


def test_help_for_one_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help", "outbox", "list"]) == 0
    assert capsys.readouterr().out.startswith("usage: coalition-bot outbox list")
    assert main(["help", "nonsense"]) == 2
    assert "no command “nonsense”" in capsys.readouterr().err


def test_help_works_even_with_a_bad_setting(tmp_path: Path) -> None:
    done = run(["help"], tmp_path, LOG_LEVEL="verbose")
    assert done.returncode == 0 and "usage: coalition-bot" in done.stdout


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`coalition-bot ask 3e | head -1`: the reader leaves before the answer is written."""
    env = {**os.environ, "COALITION_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "ask", "search", "terrorism"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the process has started writing
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert err == ""


def test_shell_pipeline_into_head(tmp_path: Path) -> None:
    cli = f"{sys.executable} -m bot.app.cli"
    done = subprocess.run(
        f"{cli} ask search terrorism | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COALITION_DATA_DIR": str(tmp_path)},
        cwd=Path(__file__).parent.parent,
    )
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def _options(
    parser: argparse.ArgumentParser, path: str = "coalition-bot"
) -> list[tuple[str, argparse.Action]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_options(sub, f"{path} {name}"))
            for choice in action._choices_actions:
                found.append((f"{path} {choice.dest}", choice))
        elif not isinstance(action, argparse._HelpAction):
            found.append((path, action))
    return found


def test_every_option_and_command_has_help() -> None:
    options = _options(build_parser())
    assert len(options) > 30
    missing = [f"{where}: {a.dest}" for where, a in options if not a.help]
    assert not missing, missing


def test_user_help_says_it_is_the_login_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ask", "--help"])
    assert "the name you speak as (default: your login name on this computer" in " ".join(
        capsys.readouterr().out.split()
    )


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["reminders", "due", "--within", "-5"], "“-5” is not a number of hours of 0 or more"),
        (["outbox", "list", "--limit", "-1"], "“-1” is not a count of 1 or more"),
        (["outbox", "list", "--limit", "0"], "“0” is not a count of 1 or more"),
        (["outbox", "list", "--limit", "５"], "is not a count of 1 or more"),
    ],
)
def test_negative_counts_are_refused(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert says in capsys.readouterr().err


def test_contradictory_manifest_options_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://bot.example.org/slack/events"
    assert main(["slack-manifest", "--socket-mode", "--request-url", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--request-url is for HTTP mode" in captured.err
    assert main(["slack-manifest", "--http", "--request-url", url]) == 0
    assert url in capsys.readouterr().out


def test_outbox_retry_of_a_row_that_does_not_exist(tmp_path: Path) -> None:
    done = run(["outbox", "retry", "99999"], tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "There is no message 99999 in the outbox (see outbox list)."
    )


def test_run_help_lists_what_each_platform_needs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    for s in SETTINGS.values():
        assert s.name in out, s.name
    assert "TELEGRAM_BOT_TOKEN         required to serve Telegram" in out
    assert "SLACK_BOT_TOKEN            required to serve Slack" in out


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_script_knows_the_commands(
    shell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for word in ("console", "outbox", "retry", "--limit", "slack-manifest", "--request-url"):
        assert word in script, word
    if shell == "bash":  # the script loads in a real bash and completes a sub-command
        path = tmp_path / "completion.bash"
        path.write_text(script)
        probe = (
            f"source {path}; COMP_WORDS=(coalition-bot outbox l); COMP_CWORD=2; "
            "_shtab_coalition_bot; echo ${COMPREPLY[@]}"
        )
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
        assert done.stdout.split() == ["list"], done.stderr


def test_piped_console_stops_at_quit(tmp_path: Path) -> None:
    def console(stdin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.app.cli", "console"],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COALITION_DATA_DIR": str(tmp_path)},
            cwd=tmp_path,
        )

    unknown = "I don't know the command “nonsense”"
    without_quit = console("3e\nnonsense\n")
    assert unknown in without_quit.stdout  # the control: the line after would be answered
    stopped = console("3e\nquit\nnonsense\n")
    assert stopped.returncode == 0, stopped.stderr
    assert "curb the financing of terrorism" in stopped.stdout
    assert unknown not in stopped.stdout
