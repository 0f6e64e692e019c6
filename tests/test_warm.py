"""bot.app.warm builds at `run`'s start what free text builds on first use, and runs the
first questions' statements once; the answers are the same as without it (a misspelt
question, one in Russian, one in French, a subscription), and the statements write nothing."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from bot.app.assembly import build_core
from bot.app.warm import warm, warm_database
from bot.base.settings import Settings
from bot.reminders import store
from bot.testing import TestBot
from storage.models import Subscription

QUESTIONS = (
    "what does the code say on terrorist finacing",
    "Что в Кодексе говорится о финансировании терроризма?",
    "Que dit le Code sur les combattants terroristes étrangers ?",
    "remind me a week before, at 08:30 Vienna time",
)


async def test_warming_up_changes_no_answer(tmp_path: Path) -> None:
    answers = []
    for i, warmed in enumerate((False, True)):
        core = build_core(Settings(data_dir=tmp_path / str(i)))
        if warmed:
            warm(core)
            await warm_database(core)
            db = await core.database()
            assert await store.get_subscription(db, "", "") is None  # the upsert rolled back
            async with db.session() as s:
                assert (await s.exec(select(Subscription))).all() == []
        bot = TestBot(core)
        answers.append([await bot.ask(q, user=f"u{n}") for n, q in enumerate(QUESTIONS)])
        await core.close()
    assert answers[0] == answers[1]
    assert all(answers[1])
