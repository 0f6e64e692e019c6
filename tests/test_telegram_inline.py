"""Inline mode end to end: ``@bot <words>`` typed in any chat, answered by the real adapter
through python-telegram-bot to the fake Bot API, which refuses what Telegram refuses (more than
50 results, ids over 64 bytes, a message over 4,096 characters, HTML it cannot parse)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.telegram import inline
from adapters.telegram.render import render_chunks
from adapters.telegram.testing.fake import (
    TOKEN,
    FakeTelegram,
    html_problem,
    plain,
    running_bot,
    user,
)
from bot.base.clock import FakeClock
from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from bot.core.inline import POPULAR, Offer
from messages.model import Paragraph, Reply, text

ANA = user(1001, "Ana", "Lima", username="ana")


@pytest.fixture
async def bot(core: Core, fake_telegram: FakeTelegram) -> AsyncIterator[None]:
    async with running_bot(core, fake_telegram):
        yield


async def answer(
    fake: FakeTelegram, query: str, asker: dict[str, Any] = ANA
) -> list[dict[str, Any]]:
    """The results the bot gave for ``query``, once the fake has accepted them."""
    query_id = fake.inline_query(asker, query)
    [call] = await fake.wait_for("answerInlineQuery", inline_query_id=query_id, timeout=10)
    assert call.ok, call.params
    assert fake.inline_answers[query_id] is call.params
    assert call.params["cache_time"] == inline.CACHE_SECONDS
    return list(call.params["results"])


async def paragraph_html(core: Core, words: str) -> str:
    [html] = render_chunks(await core.handle(Incoming("telegram", "1001", "1001", words)))
    return html


async def test_a_reference_offers_the_provision_as_paragraph_renders_it(
    fake_telegram: FakeTelegram, bot: None, core: Core
) -> None:
    [result] = await answer(fake_telegram, "3e")
    content = result["input_message_content"]
    assert result["type"] == "article" and result["title"] == "Paragraph 3(e)"
    assert content["parse_mode"] == "HTML"
    assert content["message_text"] == await paragraph_html(core, "paragraph 3e")
    assert "curb the financing of terrorism" in plain(content["message_text"])
    assert result["description"].startswith("curb the financing of terrorism")


async def test_words_offer_the_best_search_hits_one_provision_each(
    fake_telegram: FakeTelegram, bot: None, core: Core
) -> None:
    results = await answer(fake_telegram, "financing")
    assert [r["title"] for r in results][:2] == ["Paragraph 3(e)", "Paragraph 2"]
    assert all("financing" in plain(r["input_message_content"]["message_text"]) for r in results)
    assert len({r["id"] for r in results}) == len(results) <= inline.RESULTS_LIMIT
    # "search financing" offers the same hits.
    assert [r["id"] for r in await answer(fake_telegram, "search financing")] == [
        r["id"] for r in results
    ]


async def test_review_offers_the_countdown_and_nothing_offers_the_most_quoted(
    fake_telegram: FakeTelegram, bot: None, core: Core
) -> None:
    [review] = await answer(fake_telegram, "review")
    countdown = await core_html(core, "review")
    assert review["input_message_content"]["message_text"] == countdown
    assert review["title"] == "The Strategy's review cycle"
    popular = await answer(fake_telegram, "")
    assert [r["id"] for r in popular] == [f"p:{key}" for key in POPULAR]


async def test_commands_that_change_things_and_nonsense_offer_nothing(
    fake_telegram: FakeTelegram, bot: None
) -> None:
    assert await answer(fake_telegram, "subscribe 30") == []
    assert await answer(fake_telegram, "milestone add 2027-01-01 Test") == []
    assert await answer(fake_telegram, "xyzzyq") == []
    # The long preamble fits one message: cut between blocks, still HTML Telegram accepts.
    [preamble] = await answer(fake_telegram, "preamble")
    assert len(plain(preamble["input_message_content"]["message_text"])) <= 4096


async def core_html(core: Core, words: str) -> str:
    return render_chunks(await core.handle(Incoming("telegram", "1001", "1001", words)))[0]


def test_ids_and_counts_are_kept_within_telegram_limits() -> None:
    reply = Reply.of(Paragraph(text("<b>not a tag</b> & @ana")))
    offers = [Offer(f"k{i}", f"T{i}", "", reply) for i in range(60)]
    offers.append(Offer("x" * 100, "long", "", reply))
    shown = inline.results(offers)
    assert len(shown) == 50 and all(len(r.id.encode()) <= 64 for r in shown)
    assert inline.result_id("x" * 100) != inline.result_id("x" * 101)
    assert len(inline.result_id("x" * 100).encode()) <= 64
    message = shown[0].input_message_content.message_text  # type: ignore[union-attr]
    assert html_problem(message) is None


async def test_the_fake_refuses_what_telegram_refuses(fake_telegram: FakeTelegram) -> None:
    from telegram import Bot, InlineQueryResultArticle, InputTextMessageContent
    from telegram.error import BadRequest

    def article(rid: str, body: str = "<b>3(e)</b>") -> InlineQueryResultArticle:
        return InlineQueryResultArticle(rid, "T", InputTextMessageContent(body, parse_mode="HTML"))

    fake_telegram.expect_refusal("telegram.inline", "telegram.html", "telegram.text_length")
    first = fake_telegram.inline_query(user(1001, "Ana"), "3e")
    second = fake_telegram.inline_query(user(1001, "Ana"), "3f")
    async with Bot(TOKEN, base_url=f"{fake_telegram.base_url}/bot") as api:
        many = [article(str(i)) for i in range(51)]
        with pytest.raises(BadRequest, match=r"(?i)results_too_much"):
            await api.answer_inline_query(first, many)
        with pytest.raises(BadRequest, match=r"(?i)result_id_invalid"):
            await api.answer_inline_query(first, [article("x" * 65)])
        with pytest.raises(BadRequest, match=r"(?i)parse entities"):
            await api.answer_inline_query(first, [article("a", "<b>open")])
        with pytest.raises(BadRequest, match=r"(?i)parse entities"):
            await api.answer_inline_query(first, [article("a", "x < y <div>")])
        with pytest.raises(BadRequest, match=r"(?i)message_too_long"):
            await api.answer_inline_query(first, [article("a", "x" * 4097)])
        assert await api.answer_inline_query(second, [article(str(i)) for i in range(50)])
    assert list(fake_telegram.inline_answers) == [second]
    assert {r.rule for r in fake_telegram.refusals} == fake_telegram.expected


async def test_offers_are_kept_a_minute_then_asked_afresh(core: Core, clock: FakeClock) -> None:
    """The countdown is read once a minute at most, however many people type ``review``."""
    from bot.core.inline import Offers

    kept = Offers(core)
    ana = Incoming("telegram", "1001", "1001", "review")
    first = await kept(ana)
    clock.advance(seconds=30)
    assert await kept(Incoming("telegram", "1002", "1002", "  Review ")) is first
    clock.advance(days=3)  # the countdown moved: asked afresh once the minute is over
    fresh = await kept(ana)
    assert fresh is not first and fresh[0].reply != first[0].reply


async def test_offers_follow_the_askers_language_code(
    fake_telegram: FakeTelegram, bot: None, core: Core
) -> None:
    """A Russian app gets Russian offers, an Arabic one Arabic, the same words an English one
    English: the language is the asker's, as for messages, and the offers are kept apart."""
    ru = user(2002, "Анна", language_code="ru")
    ar = user(2003, "Amal", language_code="ar")
    [english] = await answer(fake_telegram, "3e")
    [russian] = await answer(fake_telegram, "3e", ru)
    [arabic] = await answer(fake_telegram, "3e", ar)
    assert english["title"] == "Paragraph 3(e)"
    assert russian["title"] == "Пункт 3(e)"
    # the reference one isolate in the Arabic sentence (FSI … PDI), read left to right
    assert arabic["title"].replace("\u2068", "").replace("\u2069", "") == "الفقرة 3(e)"
    [review] = await answer(fake_telegram, "review", ru)
    assert "Девятый обзор" in plain(review["input_message_content"]["message_text"])
