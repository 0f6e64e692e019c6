"""Sentences said one after another, and lists inside them, the language's way: Chinese runs
its sentences on with no space after 。 and ？, the others leave one; a list is joined as CLDR
joins it ("a, b и c", "a、b和c"), never with an English comma assembled in code; and the
pillars a provision serves are named in the member's language.

Through the core's public seam, a Telegram member whose app speaks the language."""

from __future__ import annotations

import pytest

from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from messages import render_plain
from messages.bidi import FSI, PDI
from messages.catalogue import say, sentences

SIX = ("en", "ru", "fr", "es", "ar", "zh")


async def _ask(core: Core, text: str, locale: str) -> str:
    m = Incoming("telegram", "dm-ana", "ana", text, platform_locale=locale)
    return render_plain.render(await core.handle(m))


@pytest.mark.parametrize("lang", SIX)
async def test_two_sentences_are_joined_the_languages_way(core: Core, lang: str) -> None:
    """``help serch``: "there is no such command" then "did you mean search?", two entries."""
    first = say("help.unknown", locale=lang, word="serch")
    second = say("input.did_you_mean", locale=lang, suggestions=["search"])
    space = "" if lang == "zh" else " "
    assert await _ask(core, "help serch", lang) == first + space + second
    if lang == "zh":
        assert "。您" in first + space + second  # no space after the full stop


def test_a_sentence_left_in_english_keeps_its_space_and_its_direction() -> None:
    """A key a language lacks is said in English: in Chinese it is not run on to the next one
    (it does not end with 。), and in Arabic it is isolated so its full stop stays at its end."""
    zh = sentences(["没有结果。", "Try help.", "再试一次。"], "zh")
    assert zh == "没有结果。Try help. 再试一次。"
    assert sentences(["لا نتائج.", "Try help."], "ar") == f"لا نتائج. {FSI}Try help.{PDI}"
    assert sentences(["Nothing.", "", "Try help."], "en") == "Nothing. Try help."  # "" left out


@pytest.mark.parametrize(
    ("lang", "serves", "not_english"),
    [
        ("en", "serves Pillar", None),
        ("ru", "относится к компоненту", "Pillar"),
        ("fr", "relève du pilier", "Pillar"),
        ("es", "corresponde al pilar", "Pillar"),
        ("ar", "يخدم الركيزة", "Pillar"),
        ("zh", "服务于支柱", "Pillar"),
    ],
)
async def test_the_pillars_a_provision_serves_are_named_in_the_language(
    core: Core, lang: str, serves: str, not_english: str | None
) -> None:
    out = await _ask(core, "which pillar does paragraph 6 serve", lang)
    assert serves in out, out
    if not_english:
        assert not_english not in out


async def test_lists_in_help_are_the_languages_lists(core: Core) -> None:
    """The aliases and examples of ``help paragraph``; the six codes ``language xx`` takes."""
    zh = await _ask(core, "help paragraph", "zh")
    assert "para、p和provision" in zh, zh
    assert "paragraph 3e、para 4a-c、" in zh, zh
    ru = await _ask(core, "language klingon", "ru")
    assert "en, ru, fr, es, ar и zh" in ru, ru
