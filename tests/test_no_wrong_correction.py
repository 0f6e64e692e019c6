"""Never a wrong correction (issue 25, item 6): a word of general English is searched as
typed, however close it is to a word of the Code; only a word nobody knows is corrected, and
the answer says what was searched. The dictionary loads only when a correction is considered."""

from __future__ import annotations

import subprocess
import sys

from bot.code.search import code_index
from bot.testing import TestBot


async def test_real_words_near_the_codes_words_are_kept(testbot: TestBot) -> None:
    reply = await testbot.ask("search content posted online by terrorists")
    assert "“posed”" not in reply and "“context”" not in reply
    assert "showing" not in reply


async def test_a_word_nobody_knows_is_still_corrected_and_said(testbot: TestBot) -> None:
    reply = await testbot.ask("search critcal infrastucture")
    assert "No provision has “critcal”; showing “critical” instead." in reply
    assert "• Paragraph 3(i) — " in reply


def test_the_index_corrects_only_unknown_words() -> None:
    index = code_index()
    for word in ("posted", "content", "arming", "harboring", "centre"):
        assert not index.query(word).corrections, word
    assert index.query("extradtion").corrections == (("extradtion", "extradition"),)


def test_the_dictionary_is_not_read_at_start_up() -> None:
    """``ask help`` and a look-up never pay for the word list (about 80 ms)."""
    probe = (
        "import asyncio\n"
        "from bot.app.assembly import build_core\n"
        "from bot.base.settings import Settings\n"
        "from bot.code import dictionary\n"
        "from bot.testing import TestBot\n"
        "bot = TestBot(build_core(Settings.load({})), platform='console')\n"
        "asyncio.run(bot.ask('paragraph 3e'))\n"
        "assert not dictionary.loaded()\n"
        "assert dictionary.is_word('posted') and dictionary.loaded()\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=60)
