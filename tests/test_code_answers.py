"""The Code's answers through the harness: sources of the pillars and of the signatory counts,
pillars as people name them, and the practice example's tag."""

from __future__ import annotations

import pytest

from bot.testing import TestBot


async def test_pillar_headings_are_credited_to_the_plan_of_action(testbot: TestBot) -> None:
    every = await testbot.ask("pillars")
    assert "Wording: the Plan of Action annexed to UN General Assembly resolution A/RES/60/288" in (
        every
    )
    assert "Voronkov" not in every
    one = await testbot.ask("pillars 3")
    assert "Measures to build States' capacity" in one
    assert "— Wording: the Plan of Action annexed to" in one


@pytest.mark.parametrize("typed", ["pillar two", "pillar II", "pillars ii", "pillar second"])
async def test_pillars_as_people_name_them(testbot: TestBot, typed: str) -> None:
    assert await testbot.ask(typed) == await testbot.ask("pillars 2")


async def test_about_keeps_each_signatory_count_with_its_date_and_source(testbot: TestBot) -> None:
    about = await testbot.ask("about")
    assert (
        "of more than 70 nations signed it that day (V. Voronkov, UN Office of "
        "Counter-Terrorism, article on the Code, 2018)." in about
    )
    assert "By 15 July 2019, 80 states had signed it (Khabar 24, via baq.kz, 15 July 2019)." in (
        about
    )


async def test_the_practice_example_tags_border_security_3f(testbot: TestBot) -> None:
    help_ = await testbot.ask("help practice")
    assert "border drills with our neighbours every quarter #pillar2 #3f" in help_
    assert "#pillar2 #3e" not in help_.split("Examples")[1].split("\n")[0]


async def test_an_item_answer_is_quotable(testbot: TestBot) -> None:
    for ref in ("3e", "4a-c", "8d"):
        answer = await testbot.ask(ref)
        assert "Lead-in, from Paragraph" in answer
        assert answer.splitlines()[-1].startswith(
            "— Code of Conduct for the Achievement of a Terrorism-Free World (2018), para"
        )
