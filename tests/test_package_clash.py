"""Another installed distribution with a top-level ``bot`` (or ``storage``...) package shares
our folder in site-packages; ``config check`` names it (README, *Known limits*)."""

from __future__ import annotations

from pathlib import Path

from tests.test_config_check import cli


async def test_config_check_names_a_distribution_that_shares_a_package(tmp_path: Path) -> None:
    site = tmp_path / "site"
    info = site / "telebot_helper-0.3.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: telebot-helper\nVersion: 0.3\n")
    (info / "RECORD").write_text(
        "bot/__init__.py,,\nbot/handlers.py,,\nstorage/__init__.py,,\n"
        "telebot_helper-0.3.dist-info/METADATA,,\ntelebot_helper-0.3.dist-info/RECORD,,\n"
        "helper.py,,\n"
    )
    code, out, err = await cli(tmp_path, "config", "check")
    assert code == 0, out + err
    assert "telebot-helper" not in out  # not on the path yet: nothing to say

    code, out, err = await cli(tmp_path, "config", "check", PYTHONPATH=str(site))
    assert code == 0, out + err  # a note, not a failure: the bot may still work
    notes = [line for line in out.splitlines() if line.startswith("note    packages")]
    assert notes == [
        f"note    packages  {package}/ is also installed by telebot-helper 0.3: its files may "
        "have replaced this bot's, and uninstalling it deletes them; install coalition-bot in "
        "a venv of its own"
        for package in ("bot", "storage")
    ]
