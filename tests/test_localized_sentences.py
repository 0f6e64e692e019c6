"""What used to be English assembled in code, said in the member's language: the review
cycle's names and gaps, provision labels, lists and counts (through the core's public seam, a
member who chose Russian or Arabic with ``language``)."""

from __future__ import annotations

from bot.testing import TestBot


def _plain(s: str) -> str:
    """Without the isolates around filled-in values, and with CLDR's no-break spaces as spaces."""
    return s.translate({0x2066: None, 0x2067: None, 0x2068: None, 0x2069: None, 0x202F: " "})


async def _in(bot: TestBot, locale: str, text: str, user: str = "ana") -> str:
    await bot.ask(f"language {locale}", user=user)
    return _plain(await bot.ask(text, user=user))


async def test_reviews_are_named_and_counted_in_russian(db_testbot: TestBot) -> None:
    out = await _in(db_testbot, "ru", "review")
    assert "Девятый обзор" in out  # the last review, by its Russian ordinal
    assert "интервал между обзорами (лет): 2 или 3" in out  # gaps: a Russian list
    cadence = next(line for line in out.splitlines() if "интервал между обзорами" in line)
    assert " or " not in cadence and "years" not in cadence  # no English word assembled in it
    history = _plain(await db_testbot.ask("review history", user="ana"))
    assert "Шестой обзор: 26 июня 2018 г." in history


async def test_reviews_are_named_in_arabic(db_testbot: TestBot) -> None:
    out = await _in(db_testbot, "ar", "review history")
    assert "الاستعراض التاسع" in out and "الاستعراض السادس" in out
    assert "Ninth" not in out and "Sixth review" not in out


async def test_provisions_are_labelled_in_the_members_language(db_testbot: TestBot) -> None:
    ru = await _in(db_testbot, "ru", "paragraph 3e")
    assert "Пункт 3(e)" in ru and "Paragraph 3(e)" not in ru
    assert "Преамбула, пункт 2" in await _in(db_testbot, "ru", "preamble 2")
    ar = await _in(db_testbot, "ar", "paragraph 5", user="bo")
    assert "الفقرة 5" in ar and "Paragraph 5" not in ar


async def test_lists_are_joined_the_languages_way(db_testbot: TestBot) -> None:
    ru = await _in(db_testbot, "ru", "subscribe 2w 3d 1d")
    assert " and " not in ru and " и " in ru, ru
    zh = await _in(db_testbot, "zh", "subscribe 2w 3d 1d", user="bo")
    assert " and " not in zh and "和" in zh, zh
