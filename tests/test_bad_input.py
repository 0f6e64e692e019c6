"""Whatever arrives, the core answers briefly and never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.slack import render as render_slack
from adapters.telegram import render as render_telegram
from bot.app.assembly import build_core
from bot.base.settings import Settings
from bot.core.incoming import Incoming
from bot.testing import TestBot
from messages import render_plain


@pytest.mark.parametrize(
    "text", ["", "   ", "\n\t\n", "\u200b\u200b", "\u202e\u2066", "\u200d", "/"]
)
async def test_empty_messages(testbot: TestBot, text: str) -> None:
    assert await testbot.ask(text) == (
        "I didn't catch anything there. Type help to see what I can do."
    )


async def test_calling_the_bot_with_nothing_after_gets_help(testbot: TestBot) -> None:
    """ "@bot" alone, an empty slash command: the adapters only say the bot was called; the
    introduction is the core's, the same on every platform."""
    help_text = await testbot.ask("help")
    assert await testbot.ask("", addressed=True) == help_text
    assert await testbot.ask("  ", addressed=True, chat="-100", platform="slack") == (
        await testbot.ask("help", chat="-100", platform="slack")
    )
    # Invisible characters are still something typed that says nothing.
    assert await testbot.ask("\u200b", addressed=True) == (
        "I didn't catch anything there. Type help to see what I can do."
    )


async def test_a_100_kb_message(testbot: TestBot) -> None:
    reply = await testbot.ask("search " + "x" * 100_000)
    assert reply == (
        "That message is 100,007 characters long; I read at most 4,096. "
        "Send a shorter one, or split it."
    )


@pytest.mark.parametrize(
    "text",
    [
        "para\u200bgraph 3e",  # zero-width space inside the command word
        "para\u200dgraph 3e",  # a joiner too
        "\u202eparagraph 3e",  # right-to-left override before it
        "paragraph\u00a03e",  # a non-breaking space from a copy-paste
        "p\t3e",
        "\x00paragraph 3e\x07",
        "\ufeffparagraph 3e",
    ],
)
async def test_invisible_characters_do_not_break_a_command(testbot: TestBot, text: str) -> None:
    assert (await testbot.ask(text)).startswith("Paragraph 3(e)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("🙂", "I don't know the command “🙂”."),
        # Right-to-left text comes back isolated (U+2068…U+2069), so it cannot reorder the
        # sentence around it (tests/test_bidi.py).
        ("مرحبا", "I do not understand every question in other languages yet."),
        ("пункт 3", "Paragraph 3\n"),  # a provision named in Russian is looked up
        ("paragraph 🙂", "I can't read “🙂” as a provision."),
        ("pillars five", "The Strategy has four pillars"),
        ("pillars 99999999999999999999", "The Strategy has four pillars"),
    ],
)
async def test_odd_text_gets_a_clear_answer(testbot: TestBot, text: str, expected: str) -> None:
    assert (await testbot.ask(text)).startswith(expected)


async def test_multiline_message_reads_the_first_word_as_command(testbot: TestBot) -> None:
    assert (await testbot.ask("paragraph\n3e")).startswith("Paragraph 3(e)")


async def test_a_bug_in_a_handler_is_an_apology_not_a_trace(
    testbot: TestBot, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(ctx: object) -> object:
        raise RuntimeError("boom")

    command = testbot.core.registry.find("about")
    assert command is not None
    object.__setattr__(command, "handler", broken)
    try:
        reply = await testbot.ask("about")
    finally:
        from bot.commands.code import about

        object.__setattr__(command, "handler", about)
    assert reply.startswith("Something went wrong on my side while answering that (error ")
    assert "boom" not in reply and "Traceback" not in reply
    assert "boom" in caplog.text


_CORE = build_core(Settings())  # console platform: no database touched


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300) | st.from_regex(r"(/?(p|para|search|help|pillars) )?.{0,40}"))
async def test_any_text_gets_a_reply_that_every_renderer_can_render(text: str) -> None:
    reply = await _CORE.handle(Incoming("console", "c", "me", text))
    assert reply.blocks
    plain = render_plain.render(reply)
    assert plain.strip()
    assert "Something went wrong" not in plain
    assert all(len(chunk) <= 4096 for chunk in render_telegram.render_chunks(reply))
    assert render_slack.render_messages(reply)
