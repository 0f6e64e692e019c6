"""The handler behind ``language``: show the six, choose one for yourself or for the chat,
or go back to automatic (declared in ``bot/commands/language.py``).

``language`` alone lists the languages by their own names and marks the one in use;
``language ru`` (a code, a tag such as ``fr-FR``, or a language's own name) is the member's
choice; ``language chat fr`` the chat's default, for those who may manage the chat;
``language auto`` (or ``reset``) and ``language chat auto`` clear them. In the console the
choice lasts for the session: the terminal is not a member of anything.
"""

from __future__ import annotations

import os

from bot.core.context import Context, error
from bot.core.language import console_locale
from bot.core.platform import LOCAL
from messages.catalogue import list_text, say, sentences
from messages.locale import LANGUAGES, NAMES, normalize, speaking
from messages.model import BulletList, Footer, Heading, Paragraph, Reply, text

_AUTO = frozenset({"auto", "automatic", "reset", "default", "none"})
_BY_NAME = {name.casefold(): code for code, name in NAMES.items()}


def parse_language(word: str) -> str | None:
    """The language ``word`` names: a code, a locale tag or the language's own name."""
    return normalize(word) or _BY_NAME.get(word.casefold())


async def language(ctx: Context) -> Reply:
    words = ctx.args.split()
    if not words:
        return await _show(ctx)
    if words[0].casefold() == "chat":
        return await _chat(ctx, words[1:])
    if len(words) > 1:
        return _unknown(" ".join(words))
    return await _member(ctx, words[0])


async def _show(ctx: Context) -> Reply:
    m = ctx.incoming
    lines = [say("language.current", name=NAMES[ctx.locale])]
    if m.platform != LOCAL:
        chosen = await ctx.core.languages.choices(m)
        if chosen.member is None and chosen.chat is None:
            lines = [say("language.current_auto", name=NAMES[ctx.locale])]
        if chosen.chat is not None and not m.is_direct:
            lines.append(say("language.chat_default", name=NAMES[chosen.chat]))
    options = tuple(
        text(
            say(
                "language.option_current" if code == ctx.locale else "language.option",
                name=NAMES[code],
                code=code,
            )
        )
        for code in LANGUAGES
    )
    return Reply.of(
        Heading(say("language.heading")),
        Paragraph(text(sentences(lines))),
        BulletList(options),
        Footer(text(say("language.how"))),
        ephemeral=True,
    )


async def _member(ctx: Context, word: str) -> Reply:
    m = ctx.incoming
    languages = ctx.core.languages
    if word.casefold() in _AUTO:
        if m.platform == LOCAL:
            languages.local = console_locale(ctx.core.settings, os.environ)
            now = languages.local
        else:
            await languages.choose_member(m, None, now=ctx.core.clock.now())
            now = await languages.resolve(m)
        with speaking(now):
            return Reply.of(Paragraph(text(say("language.reset", name=NAMES[now]))))
    chosen = parse_language(word)
    if chosen is None:
        return _unknown(word)
    if m.platform == LOCAL:
        languages.local = chosen
    else:
        await languages.choose_member(m, chosen, now=ctx.core.clock.now())
    with speaking(chosen):  # the confirmation is the first sentence in the new language
        return Reply.of(Paragraph(text(say("language.set", name=NAMES[chosen]))))


async def _chat(ctx: Context, words: list[str]) -> Reply:
    m = ctx.incoming
    if m.platform == LOCAL:
        return error(say("language.no_chat_here"))
    if len(words) != 1:
        return _unknown(" ".join(words)) if words else await _show(ctx)
    if not await ctx.may_manage_chat():
        return error(say("language.chat_not_allowed"))
    word = words[0]
    now = ctx.core.clock.now()
    if word.casefold() in _AUTO:
        await ctx.core.languages.choose_chat(m, None, now=now)
        return Reply.of(Paragraph(text(say("language.reset_chat"))))
    chosen = parse_language(word)
    if chosen is None:
        return _unknown(word)
    await ctx.core.languages.choose_chat(m, chosen, now=now)
    with speaking(chosen):
        return Reply.of(Paragraph(text(say("language.set_chat", name=NAMES[chosen]))))


def _unknown(word: str) -> Reply:
    return error(say("language.unknown", word=word[:40], codes=list_text(LANGUAGES)))
