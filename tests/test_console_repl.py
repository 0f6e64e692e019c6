"""The console's REPL in a real pseudo-terminal: keys, multi-line messages, messages arriving
while the user types, completion, history and files.

Each test is one fresh ``coalition-bot console`` process; every wait has a deadline."""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.base.settings import Settings
from bot.outbox.queue import enqueue
from messages.model import Heading, Paragraph, Reply, text
from storage.db import Database
from tests.pty_term import CTRL_C, CTRL_D, ESC_ENTER, PASTE_END, PASTE_START, Term


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the schema applied once, so no test waits for the migrations."""
    folder = tmp_path_factory.mktemp("migrated")

    async def go() -> None:
        db = Database(Settings(data_dir=folder).database_url)
        await db.start()
        await db.close()

    asyncio.run(go())
    return folder / "coalition.db"


@pytest.fixture
def data(tmp_path: Path, migrated: Path) -> Iterator[Path]:
    """The console's data folder, holding a copy of the migrated database."""
    shutil.copy(migrated, tmp_path / "coalition.db")
    yield tmp_path


def test_ctrl_c_clears_the_line_and_the_next_command_is_answered(data: Path) -> None:
    with Term(data) as t:
        t.prompt()
        t.send("pillars")
        t.expect("pillars")
        t.send(CTRL_C)
        t.send("help\r")
        shown = t.expect("Type help <command> for details")
        assert "• practices — Browse, filter and search" in shown
        assert "Measures to prevent and combat terrorism" not in shown  # the cleared line
        t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0
        assert b"Traceback" not in t.stderr()


def test_quit_leaves_and_history_is_kept(data: Path) -> None:
    with Term(data) as t:
        t.prompt()
        t.send("paragraph 3e\r")
        t.expect("curb the financing of terrorism;")
        t.prompt()
        t.send("quit\r")
        assert t.wait() == 0
    history = (data / "console_history").read_text()
    assert "paragraph 3e" in history and "quit" in history
    with Term(data) as t:  # the next session finds it: Up brings the last line back
        t.prompt()
        t.send("\x1b[A")  # Up
        t.expect("quit")
        t.send("\x1b[A")  # Up again: "paragraph 3e"
        t.expect("paragraph 3e")
        t.send("\r")
        t.expect("curb the financing of terrorism;")
        t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0


def test_a_pasted_block_is_one_note(data: Path) -> None:
    note = (
        "practice Joint border drills\n"
        "our teams trained with the neighbours every quarter,\n"
        "and shared what they found. #pillar2"
    )
    with Term(data) as t:
        t.prompt()
        t.send(PASTE_START + note.encode() + PASTE_END)
        t.expect("#pillar2")
        t.send("\r")
        shown = t.expect("Recorded as best practice #1.")
        t.prompt()
        t.send("practices\r")
        listing = t.expect("Joint border drills") + t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0
    assert "I don't know the command" not in shown + listing
    assert "#2" not in listing
    assert "Joint border drills" in listing


def test_esc_enter_starts_a_new_line_of_the_same_message(data: Path) -> None:
    with Term(data) as t:
        t.prompt()
        t.send(b"practice Quarterly drills" + ESC_ENTER)
        t.expect("...")  # the continuation prompt of the second line
        t.send("with every neighbour, and a report each time. #pillar2\r")
        shown = t.expect("Recorded as best practice #1.")
        t.prompt()
        t.send("practice 1\r")
        note = t.expect("a report each time")
        t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0
    assert "I don't know the command" not in shown + note
    assert "Quarterly drills" in note


def _queue_reminder(data_dir: Path, words: str) -> None:
    """A reminder's text for the console's chat, queued in its database as the due-scan
    would queue one; the console's delivery worker hands it to ConsoleSender."""

    async def go() -> None:
        db = Database(Settings(data_dir=data_dir).database_url)
        await db.start()
        try:
            async with db.session() as s:
                await enqueue(
                    s,
                    # "message": a "reminder" would be re-checked against a subscription and
                    # milestone before it is sent; what is shown is the same
                    purpose="message",
                    platform="console",
                    chat_id="console",
                    occurrence="test-1",
                    reply=Reply.of(Heading("Review-cycle reminder"), Paragraph(text(words))),
                    now=datetime.now(UTC),
                )
                await s.commit()
        finally:
            await db.close()

    asyncio.run(go())


def test_a_reminder_arriving_mid_typing_prints_above_the_prompt(data: Path) -> None:
    with Term(data) as t:
        t.prompt()
        t.send("subscriptions\r")  # the database exists once this is answered
        t.expect("subscriptions")
        t.prompt()
        t.send("pillar")
        t.expect("pillar")
        _queue_reminder(data, "Tomorrow: Counter-Terrorism Week")
        after = t.expect("Tomorrow: Counter-Terrorism Week")
        redrawn = t.expect("you> pillar", seconds=5)  # the prompt, with what was typed
        t.send(" 2\r")
        answered = t.expect("Pillar 2")
        t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0
    assert "Review-cycle reminder" in after
    assert "you> pillar" in redrawn
    assert "I don't know the command" not in answered


def test_tab_completes_commands_and_arguments_and_files_are_saved(data: Path) -> None:
    work = data / "work"
    work.mkdir()
    (work / "review-cycle.ics").write_text("mine, not the bot's")
    with Term(data, cwd=work) as t:
        t.prompt()
        t.send("calen\t")
        t.expect("calendar")
        t.send("\r")
        t.expect("Saved review-cycle.ics")
        t.prompt()
        t.send("practices ex\t")
        t.expect("practices export")
        t.send(" j\t")
        t.expect("json")
        t.send("\r")
        saved = t.expect("Saved") + t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0
    assert (work / "review-cycle.ics").read_text() == "mine, not the bot's"  # never replaced
    assert (work / "review-cycle-1.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    exports = list(work.glob("*.json"))
    # a path longer than the terminal is folded: compare without the line breaks and margin
    assert len(exports) == 1 and f"to{exports[0].resolve()}" in "".join(saved.split())


SGR = re.compile(r"\x1b\[[0-9;]*m")
ABOUT = (
    "The Code of Conduct for the Achievement of a Terrorism-Free World was signed in New York "
    "on 28 September 2018, at a high-level event during the 73rd session of the UN General "
    "Assembly."
)


def _words(shown: str) -> str:
    return " ".join(shown.split())


def test_answers_wrap_at_60_and_120_columns(data: Path) -> None:
    for cols in (60, 120):
        with Term(data, cols=cols, rows=50) as t:
            t.prompt()
            t.send("about\r")
            t.expect("About the Code")
            answer = t.prompt()
            t.send(CTRL_D)
            assert t.wait() == 0
        lines = [line for line in answer.split("\n") if line.strip() and "you>" not in line]
        assert max(len(line) for line in lines) <= cols, answer
        assert max(len(line) for line in lines) > cols - 15, answer  # the width is used
        assert all(line.startswith("  ") for line in lines)  # set apart from the input
        assert ABOUT in _words(answer)  # no word broken across lines ("Sept|ember")
        assert "\x1b[1;36mAbout the Code" in visible_raw(t.raw)  # the heading styled


def visible_raw(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def test_no_color_means_no_styles_and_search_matches_still_marked(data: Path) -> None:
    with Term(data, env={"NO_COLOR": "1"}) as t:
        t.prompt()
        t.send("search foreign terrorist fighters\r")
        answer = t.expect("countries.")
        t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0
    raw = visible_raw(t.raw)
    assert "\x1b[1;36m" not in raw and "\x1b[1;33m" not in raw and "\x1b[1m" not in raw
    assert "*foreign* *terrorist* *fighters*" in _words(answer)


def test_search_matches_are_bold_not_starred_in_colour(data: Path) -> None:
    with Term(data) as t:
        t.prompt()
        t.send("search foreign terrorist fighters\r")
        answer = t.expect("countries.")
        t.prompt()
        t.send(CTRL_D)
        assert t.wait() == 0
    assert "*foreign*" not in answer
    assert "\x1b[1;33mforeign\x1b[0m" in visible_raw(t.raw)


def test_only_answers_longer_than_the_screen_are_paged(data: Path) -> None:
    paged = data / "paged.txt"
    with Term(data, rows=12, env={"PAGER": f"cat >> {paged}"}) as t:
        t.prompt()
        t.send("paragraph 3e\r")  # 5 lines: printed
        t.expect("curb the financing of terrorism;")
        t.prompt()
        assert not paged.exists()
        t.send("help\r")  # 25 lines: the pager
        t.prompt()
        shown = t.settle(0.3)
        t.send(CTRL_D)
        assert t.wait() == 0
    assert "• practices — Browse, filter and search" in SGR.sub("", paged.read_text())
    assert "Browse, filter and search" not in shown + visible_raw(t.raw).split("you> help")[-1]


def test_ask_never_pages_and_wraps_on_a_terminal(data: Path) -> None:
    paged = data / "paged.txt"
    env = {"PAGER": f"cat >> {paged}"}
    with Term(data, cols=60, rows=5, command=("ask", "help"), env=env) as t:
        shown = t.expect("for example: help search")
        assert t.wait() == 0
    assert not paged.exists()
    assert "• practices — Browse, filter and search" in _words(shown)
    assert max(len(line) for line in shown.split("\n")) <= 60
