"""What a focal point sees from ``search``: the thesaurus and corrections said out loud, the
phrase alone marked, and every result reachable page by page (issue 11)."""

from __future__ import annotations

from bot.code.search import shared_code_index
from bot.testing import TestBot


async def test_abbreviations_find_the_codes_wording_and_say_so(testbot: TestBot) -> None:
    ftf = await testbot.ask("search FTF")
    assert ftf.splitlines()[1].startswith("“FTF” is searched as “foreign terrorist fighters”")
    assert "• Paragraph 3(b) — " in ftf
    assert "• Paragraph 3(j) — " in (await testbot.ask("search WMD")).splitlines()[3]


async def test_a_term_the_code_does_not_use_names_the_closest(testbot: TestBot) -> None:
    reply = await testbot.ask("search money laundering")
    assert (
        "No provision uses “money laundering”; the closest is terrorist financing, 3(e) and 2."
        in reply
    )
    assert reply.splitlines()[3].startswith("• Paragraph 3(e) — curb the *financing*")


async def test_a_subject_the_code_does_not_mention(testbot: TestBot) -> None:
    assert await testbot.ask("search organised crime") == (
        "The Code does not mention “organised crime”."
    )
    assert "organizations" not in await testbot.ask("search organised crime")


async def test_known_words_are_kept_and_corrections_are_said(testbot: TestBot) -> None:
    prisons = await testbot.ask("search rehabilitation prisons")
    assert "provisions" not in prisons
    assert "• Paragraph 3(h) — " in prisons.splitlines()[3]
    online = await testbot.ask("search how to stop recruitment online")
    assert "“line”" not in online
    first = next(line for line in online.splitlines() if line.startswith("•"))
    assert first.startswith("• Paragraph 7 — ")
    assert "*Internet*" in first and "*recruiting*" in first
    typo = await testbot.ask("search forein fighters")
    assert "No provision has “forein”; showing “foreign” instead." in typo


async def test_question_words_do_not_rank(testbot: TestBot) -> None:
    reply = await testbot.ask("search what does the code say about foreign terrorist fighters")
    assert "• Paragraph 3(b) — " in reply.splitlines()[1]
    assert "*code*" not in reply and "*say*" not in reply


async def test_a_phrase_is_marked_alone_and_quoted_once(testbot: TestBot) -> None:
    reply = await testbot.ask('search "rule of law"')
    lines = reply.splitlines()
    assert lines[0] == "4 provisions match “rule of law”"
    for line in lines[1:]:
        # "of" is marked only as part of the phrase, never on its own
        assert line.count("*of*") == line.count("*rule* *of* *law*"), line


async def test_results_come_in_pages_with_buttons(testbot: TestBot) -> None:
    first = await testbot.send("search human rights")
    shown = await testbot.ask("search human rights")
    assert shown.count("\n• ") == 5
    assert "Page 1 of 2: results 1–5 of 7." in shown
    assert [(b.label, b.command) for b in first.buttons] == [
        ("More results", "search human rights page 2")
    ]
    second = await testbot.send("search human rights page 2")
    page2 = await testbot.ask("search human rights page 2")
    assert page2.count("\n• ") == 2
    # operative paragraphs before recitals that say the words as often: 5 is on page 1 now
    assert "Paragraph 7 — " in page2 and "Preamble 2 — " in page2
    assert [(b.label, b.command) for b in second.buttons] == [
        ("Previous results", "search human rights")
    ]
    all_shown = {line.split(" — ")[0] for line in (shown + page2).splitlines() if "•" in line}
    assert len(all_shown) == 7  # every match, none twice
    assert await testbot.ask("search human rights page 3") == (
        "There is no page 3 for “human rights”: the results end on page 2."
    )
    assert not (await testbot.send("search financing")).buttons  # one page: no button


async def test_a_quoted_term_the_code_lacks_points_to_the_unquoted_search(
    testbot: TestBot,
) -> None:
    assert await testbot.ask('search "money laundering"') == (
        "No provision has the phrase “money laundering”; without the quotes it is searched as "
        "the closest the Code has: terrorist financing."
    )
    assert await testbot.ask('search "organized crime"') == (
        "The Code does not mention “organized crime”."
    )
    assert await testbot.ask('search "fighters foreign"') == (
        "No provision mentions “fighters foreign”."
    )


async def test_a_question_word_is_never_a_term(testbot: TestBot) -> None:
    # "IEDs" stems to "i": it once made every "how do I" a search for small arms
    reply = await testbot.ask("search how do I counter recruitment online")
    assert "“I”" not in reply and "small arms" not in reply
    assert reply.splitlines()[3].startswith("• Paragraph 7 — ")
    assert "No provision uses “IED”" in await testbot.ask("search IED")


async def test_or_makes_alternatives_of_one_thing_asked_for(testbot: TestBot) -> None:
    """``OR`` in capitals, as a web search has it: either wording will do, and a provision
    with one of them and the other word asked for comes first."""
    either = await testbot.ask('search borders OR "border security"')
    assert "• Paragraph 3(f) — " in either and "• Paragraph 6 — " in either
    assert "• Paragraph 3(f) — " not in await testbot.ask('search "border security"')


async def test_or_of_subjects_the_code_does_not_mention_says_so(testbot: TestBot) -> None:
    assert await testbot.ask('search "organised crime" OR "transnational organized crime"') == (
        "The Code does not mention “organised crime”."
    )


async def test_the_codes_own_words_also_find_its_other_wording_of_them(testbot: TestBot) -> None:
    # "secure borders" is in 3(f), "border security" in 6: both words side by side in 3(f)
    # count as the words typed, so the commitment itself comes first
    shown = await testbot.ask("what is our pledge on border security?")
    assert shown.index("Paragraph 3(f)") < shown.index("Paragraph 6")
    # the full name typed finds the provision that says only "CCIT", after the one with
    # the name itself
    ccit = await testbot.ask(
        "anything on reaching agreement on a comprehensive convention on international terrorism?"
    )
    assert ccit.index("Preamble 12") < ccit.index("Paragraph 8(d)")


def test_a_preposition_is_not_a_subject() -> None:
    # "against" alone would rank 3(i), "safeguard ... against terrorist attacks", first
    asked = shared_code_index().query("attacks against another state's infrastructure")
    typed = {g.typed.lower() for g in asked.search_groups()}
    assert {"attacks", "infrastructure"} <= typed and not typed & {"against", "another"}


async def test_returnees_are_found_where_the_code_treats_them(testbot: TestBot) -> None:
    # 3(b) names those returning or relocating; 3(h) is what is done with them
    shown = await testbot.ask("what should we do about returnees")
    assert "No provision uses “returnees”" in shown
    assert shown.index("Paragraph 3(b)") >= 0 and "Paragraph 3(h)" in shown


async def test_the_heading_says_a_terms_wordings_as_a_choice_in_the_members_language(
    testbot: TestBot,
) -> None:
    """A Russian question is searched as the glossary term's English wordings with ``OR``
    between them; the heading says them as Russian says a choice, in Russian quotation marks,
    not as the search line they were typed in."""
    english = (await testbot.ask('search borders OR "border security"')).splitlines()[0]
    assert english.endswith("match “borders” or “border security”")
    await testbot.ask("language ru")
    reply = await testbot.ask("финансирование терроризма")
    [heading] = [line for line in reply.splitlines() if "«financing of terrorism»" in line]
    assert heading.endswith("«terrorist financing» или «financing»"), heading
    assert " OR " not in heading and "“" not in heading and '"' not in heading
