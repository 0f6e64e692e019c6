"""Right-to-left overrides and scripts in names and notes stay inside the user's words: every
value the bot embeds in a sentence is a balanced FIRST STRONG ISOLATE ... POP DIRECTIONAL
ISOLATE (U+2068 ... U+2069), through the harness and each renderer."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack import render as render_slack
from adapters.telegram import render as render_telegram
from bot.testing import TestBot
from messages import render_plain
from messages.bidi import FSI, PDI, isolate
from messages.catalogue import say
from messages.model import Reply

RLO = "\u202e"
# U+200E LEFT-TO-RIGHT MARK is left out: a strong left-to-right character, as harmless in the
# bot's English sentences as the letter a.
CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200f\u061c")
EVE = f"Eve{RLO}live"  # shows as "Evevil" and, unisolated, reverses what follows
NOTE = "Joint border drills\nWe run joint drills with our neighbours every quarter. #pillar2"
HEBREW_NOTE = "תרגיל משותף\nWe run joint drills with our neighbours every quarter. #pillar2"


def bot_words(s: str) -> str:
    """``s`` without its complete isolates: what is left is the bot's own text. Raises when an
    isolate is left open or closed twice, which would let user text reach the bot's words."""
    out: list[str] = []
    depth = 0
    for c in s:
        if c in "\u2066\u2067\u2068":
            depth += 1
        elif c == PDI:
            assert depth > 0, f"a stray PDI in {s!r}"
            depth -= 1
        elif depth == 0:
            out.append(c)
    assert depth == 0, f"an isolate left open in {s!r}"
    return "".join(out)


def assert_contained(rendered: str) -> None:
    """No override, embedding, RTL mark or RTL letter outside an isolate, line by line (a
    newline ends a bidi paragraph in every client)."""
    for line in rendered.split("\n"):
        outside = bot_words(line)
        assert not CONTROLS & set(outside), f"a direction control outside an isolate: {line!r}"
        assert not any(unicodedata.bidirectional(c) in {"R", "AL"} for c in outside), line


def slack_strings(reply: Reply) -> list[str]:
    """Each Slack block's text as a client shows it: a rich_text block's elements joined."""

    def texts(x: object) -> list[str]:
        if isinstance(x, dict):
            own = [x["text"]] if isinstance(x.get("text"), str) else []
            return own + [t for k, v in x.items() if k != "text" for t in texts(v)]
        if isinstance(x, list):
            return [t for v in x for t in texts(v)]
        return []

    return ["".join(texts(b)) for b in render_slack.render(reply)]


def every_rendering(reply: Reply) -> list[str]:
    return [render_plain.render(reply), render_telegram.render(reply), *slack_strings(reply)]


async def test_an_override_in_a_name_stays_inside_it_in_every_view(db_testbot: TestBot) -> None:
    bot = db_testbot
    await bot.send(f"practice {NOTE}", user="u1", name=EVE)
    for command, user in [
        ("practice 1", "u2"),
        ("practices", "u2"),
        ("practices search drills", "u2"),
        ("practices mine", "u1"),
        (f"practices by {EVE}", "u2"),  # the name as pasted: the override is not part of it
        ("practices by Evelive", "u2"),
    ]:
        reply = await bot.send(command, user=user)
        plain = render_plain.render(reply)
        assert f"{FSI}{EVE}{PDI}" in plain, (command, plain)
        for rendered in every_rendering(reply):
            assert_contained(rendered)
    full = render_plain.render(await bot.send("practice 1", user="u2"))
    assert f"#1 from {FSI}{EVE}{PDI} on Telegram," in full  # the bot's words, in order


async def test_a_right_to_left_title_is_one_unit_in_lists_and_search(db_testbot: TestBot) -> None:
    bot = db_testbot
    await bot.send(f"practice {HEBREW_NOTE}", user="u1", name="Ana")
    listed = await bot.send("practices", user="u2")
    assert f"#1 · {FSI}תרגיל משותף{PDI} — Ana, Telegram," in render_plain.render(listed)
    found = await bot.send("practices search משותף", user="u2")
    assert "(Ana," in render_plain.render(found)
    for reply in (listed, found):
        for rendered in every_rendering(reply):
            assert_contained(rendered)


async def test_plain_names_are_left_exactly_as_typed(db_testbot: TestBot) -> None:
    await db_testbot.send(f"practice {NOTE}", user="u1", name="Ana")
    plain = render_plain.render(await db_testbot.send("practice 1", user="u2"))
    assert "#1 from Ana on Telegram," in plain
    assert FSI not in plain and PDI not in plain


def test_a_stray_pop_cannot_close_the_isolate_early() -> None:
    """A name that carries its own PDI would otherwise end our isolate and let the override
    after it run over the rest of the sentence."""
    sneaky = f"x{PDI}{RLO}gotcha"
    line = say("practices.attribution", number=1, name=sneaky, platform="Slack", date="today")
    assert_contained(line)
    assert line.endswith(" on Slack, today")


@given(st.text(alphabet=st.sampled_from([*CONTROLS, "\u200e", "a", "ש", "ع", "1", "٣", " ", "\n"])))
def test_any_value_comes_out_balanced(value: str) -> None:
    line = say("practices.attribution", number=7, name=value, platform="Slack", date="today")
    assert line.startswith("#7 from ") and line.endswith(" on Slack, today")
    outside = bot_words(line)  # raises if the value left an isolate open or closed one twice
    assert outside.startswith("#7 from ") and outside.endswith(" on Slack, today")
    assert not CONTROLS & set(outside)
    assert isolate(isolate(value)) == isolate(value)  # isolating twice changes nothing


def test_in_an_arabic_sentence_every_value_is_isolated() -> None:
    """Left-to-right values too: in a right-to-left paragraph "3(e)" or a command word would
    otherwise be reordered around the Arabic words; in English nothing changes."""
    from messages.catalogue import extend, say

    extend({"test.rtl_value": "لا أعرف الأمر «{word}»."}, locale="ar")
    extend({"test.rtl_value": "I don't know the command “{word}”."})
    assert say("test.rtl_value", locale="ar", word="3(e)") == "لا أعرف الأمر «\u20683(e)\u2069»."
    assert say("test.rtl_value", word="3(e)") == "I don't know the command “3(e)”."
