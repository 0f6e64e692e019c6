"""deploy/: the systemd unit passes ``systemd-analyze verify`` (where it is installed) and says
what the README promises; ``.env.example`` is the declarations' current output; the
Containerfile keeps its conventions (it cannot be built here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.describe import ENV_EXAMPLE, env_example

ROOT = Path(__file__).parent.parent
UNIT = ROOT / "deploy" / "coalition-bot.service"
EXEC = "/opt/coalition-bot/.venv/bin/coalition-bot"


def unit_lines() -> list[str]:
    return [line.strip() for line in UNIT.read_text("utf-8").splitlines()]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    # verify wants ExecStart's program to exist: a stand-in at a path of this test's own.
    program = tmp_path / "coalition-bot"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    unit = tmp_path / "coalition-bot.service"
    text = UNIT.read_text("utf-8")
    assert EXEC in text
    unit.write_text(text.replace(EXEC, str(program)))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    # An unknown or misspelt key is only a warning (exit 0): none may be printed.
    assert [line for line in done.stderr.splitlines() if unit.name in line] == []


def test_the_unit_is_hardened_and_does_not_restart_on_a_setting_error() -> None:
    lines = unit_lines()
    for wanted in (
        f"ExecStart={EXEC} run",
        "DynamicUser=yes",
        "StateDirectory=coalition-bot",
        "Environment=COALITION_DATA_DIR=/var/lib/coalition-bot",
        "EnvironmentFile=-/etc/coalition-bot/env",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "NoNewPrivileges=yes",
        "PrivateTmp=yes",
        "Restart=on-failure",
        "RestartPreventExitStatus=2",
        "KillSignal=SIGTERM",  # run exits 0 after SIGTERM, 130 after SIGINT
    ):
        assert wanted in lines, wanted


def test_the_env_example_is_the_declarations() -> None:
    current = (ROOT / ENV_EXAMPLE).read_text("utf-8")
    assert current == env_example(), "run: coalition-bot config settings --env-example"
    done = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "config", "settings", "--env-example"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout == current


def test_the_env_example_sets_nothing_and_names_every_setting() -> None:
    from bot.base.settings import SETTINGS

    text = env_example()
    assert all(not line or line.startswith("#") for line in text.splitlines())
    for name in SETTINGS:
        assert f"\n# {name}=" in text, name


def test_the_containerfile_keeps_its_conventions() -> None:
    text = (ROOT / "deploy" / "Containerfile").read_text("utf-8")
    assert text.count("\nFROM python:3.11-slim\n") == 1
    assert "\nUSER coalition\n" in text
    assert 'VOLUME ["/data"]' in text and "COALITION_DATA_DIR=/data" in text
    assert "HEALTHCHECK" in text and "http://127.0.0.1:9464/healthz" in text
    assert "-c requirements.lock" in text
