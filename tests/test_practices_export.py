"""Markup and Unicode from note to database to outbox payload to each renderer, and the
exports (chat command and CLI) in CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlmodel import col, select

from adapters.slack import render as render_slack
from adapters.telegram import render as render_telegram
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.testing import TestBot
from messages.model import Heading, Paragraph, Reply, Style
from messages.serialize import from_json
from storage.db import Database
from storage.models import OutboxMessage, PracticeNote

SHARED = {"TELEGRAM_SHARED_CHAT_ID": "-100777", "SLACK_SHARED_CHANNEL_ID": "CSHARED"}
TITLE = "<b>Bold</b> *stars* & <!channel>"
BODY = (
    "<!channel> <!here> @here @channel <@U123> <b>html</b> <script>x</script> "
    "**markdown** _italic_ `code` [link](http://example.org) &amp; &lt;\n"
    "Кириллица · العربية · עברית · हिन्दी · বাংলা · தமிழ் · ไทย · 中文 · 日本語 · 한국어 · "
    "Ελληνικά · ქართული · Հայերեն · አማርኛ\n"
    "Persian with a zero-width non-joiner: می\u200cخواهم; emoji 👩\u200d👩\u200d👧 🇺🇳 é (e\u0301)"
)
NOTE = f"{TITLE}\n{BODY}"


def make(db: Database, clock: FakeClock, tmp_path: Path, platform: str = "telegram") -> TestBot:
    settings = Settings(data_dir=tmp_path, admins=frozenset({"telegram:admin1"}), env=SHARED)
    return TestBot(build_core(settings, db=db, clock=clock), platform=platform)


def user_spans(reply: Reply) -> list[str]:
    """Every span that carries the note's own text must be plain."""
    out = []
    for b in reply.blocks:
        if isinstance(b, Paragraph):
            out += [s.text for s in b.text if s.style is not Style.PLAIN]
    return out


async def test_markup_and_every_script_survive_byte_for_byte(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    bot = make(db, clock, tmp_path)
    assert "Recorded as best practice #1." in await bot.ask(f"practice {NOTE}", name="Ana")
    async with db.session() as s:
        note = (await s.exec(select(PracticeNote))).one()
        rows = list((await s.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))).all())
    assert note.title == TITLE
    assert note.body == BODY
    assert note.body.encode("utf-8") == BODY.encode("utf-8")
    assert len(rows) == 2
    for row in rows:
        reply = from_json(json.loads(json.dumps(row.payload)))
        heading, body = reply.blocks[0], reply.blocks[1]
        assert isinstance(heading, Heading) and heading.text == TITLE
        assert isinstance(body, Paragraph)
        assert [(s.text, s.style) for s in body.text] == [(BODY, Style.PLAIN)]
        assert user_spans(reply) == []
    relay = from_json(rows[0].payload)
    html = render_telegram.render(relay)
    assert "&lt;b&gt;html&lt;/b&gt;" in html and "&lt;!channel&gt;" in html
    assert "<script>" not in html and "<b>html" not in html and "<b>Bold" not in html
    assert "می\u200cخواهم" in html and "👩\u200d👩\u200d👧" in html
    blocks = render_slack.render(relay)
    body_sections = [b for b in blocks if b["type"] == "section"]
    assert body_sections[0]["text"]["type"] == "plain_text"
    assert "<!channel> <!here> @here" in body_sections[0]["text"]["text"]  # shown, not parsed
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["type"] == "plain_text"
    fallback = render_slack.fallback(relay)
    assert "<!channel>" not in fallback and "&lt;!channel&gt;" in fallback
    shown = await bot.send("practice 1")
    assert user_spans(shown) == []
    listing = await bot.send("practices")
    assert user_spans(listing) == []


async def test_chat_export_is_for_admins_and_returns_the_file(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    bot = make(db, clock, tmp_path)
    await bot.ask(f"practice {NOTE} #pillar2 #3e", user="u1", name="Ana")
    await bot.ask('practice =HYPERLINK("http://evil") formula cell test', user="u2", name="Ben")
    await bot.ask("practice A third note that gets withdrawn later", user="u1", name="Ana")
    await bot.ask("practice withdraw 3", user="u1")
    assert "Only a coalition admin can run practices export" in await bot.ask(
        "practices export", user="u1"
    )
    assert "I can export as csv, json or md" in await bot.ask("practices export pdf", user="admin1")

    reply = await bot.send("practices export csv", user="admin1")
    assert reply.attachment is not None
    assert reply.attachment.filename == "best-practices-2026-11-25.csv"
    assert reply.attachment.mime_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(reply.attachment.content.decode("utf-8"))))
    assert [r["number"] for r in rows] == ["1", "2"]  # shared notes only, oldest first
    assert rows[0]["title"] == TITLE and rows[0]["body"] == f"{BODY} #pillar2 #3e"
    assert rows[0]["tags"] == "pillar2 3e" and rows[0]["author"] == "Ana"
    assert rows[0]["platform"] == "telegram" and rows[0]["created_at"] == "2026-11-25T09:00:00Z"
    assert rows[1]["body"].startswith("'=HYPERLINK")  # a spreadsheet won't run it
    assert "2 best practices as CSV." in await bot.ask("practices export csv", user="admin1")

    data = json.loads((await bot.send("practices export json", user="admin1")).attachment.content)  # type: ignore[union-attr]
    assert [d["number"] for d in data] == [1, 2]
    assert data[0]["body"] == f"{BODY} #pillar2 #3e" and data[0]["tags"] == ["pillar2", "3e"]
    assert data[1]["body"].startswith('=HYPERLINK("http://evil")')  # JSON keeps text as typed

    md = (await bot.send("practices export md", user="admin1")).attachment.content.decode()  # type: ignore[union-attr]
    assert md.startswith("# Best practices\n")
    assert "## \\<b\\>Bold\\</b\\> \\*stars\\* \\& \\<\\!channel\\>" in md
    assert "\\*\\*markdown\\*\\* \\_italic\\_ \\`code\\`" in md
    assert "Кириллица · العربية" in md and "third note" not in md  # withdrawn


async def test_cli_export_to_stdout(
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.app import cli

    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    db = Database(url)
    await db.start()
    bot = make(db, clock, tmp_path)
    await bot.ask(f"practice {NOTE}", user="u1", name="Ana")
    await bot.ask("practice Second shared note about training", user="u2", name="Ben")
    await db.close()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)  # no stray .env

    import asyncio

    def run(*argv: str) -> str:
        code = asyncio.get_running_loop().run_in_executor(None, cli.main, list(argv))
        return code  # type: ignore[return-value]

    assert await run("practices", "export", "--format", "json") == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert [d["title"] for d in data] == [TITLE, None]
    assert data[0]["body"] == BODY
    assert await run("practices", "export", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["author"] for r in rows] == ["Ana", "Ben"]
    assert await run("practices", "export", "--format", "md") == 0
    assert "## Best practice \\#2" in capsys.readouterr().out
