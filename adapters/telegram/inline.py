"""Inline mode: the core's offers (``bot.core.inline``) as Telegram's inline query results.

Each offer becomes an ``InlineQueryResultArticle`` whose message is the reply in the bot's own
Telegram HTML, so a provision quoted through ``@bot 3e`` reads as the bot's answer to
``paragraph 3e`` does. Telegram's limits hold by construction: at most 50 results, ids of at
most 64 bytes, and a message of at most 4,096 characters (a longer reply is cut between blocks,
where ``render_chunks`` cuts it, and says so with an ellipsis).
"""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions
from telegram.constants import InlineQueryLimit, InlineQueryResultLimit, ParseMode

from adapters.telegram.render import MESSAGE_LIMIT, render_chunks
from bot.core.inline import Offer

RESULTS_LIMIT = int(InlineQueryLimit.RESULTS)  # 50
ID_LIMIT = int(InlineQueryResultLimit.MAX_ID_LENGTH)  # 64 bytes
# How long Telegram may keep an answer for everyone who types the same words: the Code never
# changes, and the review countdown moves once a day, so five minutes costs no one anything.
CACHE_SECONDS = 300
CUT = "\n…"


def result_id(key: str) -> str:
    """The offer's key as a result id; one too long for Telegram becomes its hash."""
    if len(key.encode()) <= ID_LIMIT:
        return key
    return "h:" + hashlib.sha256(key.encode()).hexdigest()[:40]


def message_html(offer: Offer) -> str:
    """The offer's reply as one message: a reply too long for one is cut between blocks."""
    chunks = render_chunks(offer.reply, limit=MESSAGE_LIMIT - len(CUT))
    return chunks[0] + CUT if len(chunks) > 1 else chunks[0]


def results(offers: list[Offer]) -> list[InlineQueryResultArticle]:
    """The first 50 offers as articles, one per distinct id."""
    out: list[InlineQueryResultArticle] = []
    seen: set[str] = set()
    for offer in offers:
        rid = result_id(offer.key)
        if rid in seen:
            continue
        seen.add(rid)
        content = InputTextMessageContent(
            message_html(offer),
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
        out.append(
            InlineQueryResultArticle(
                rid, offer.title, content, description=offer.description or None
            )
        )
        if len(out) == RESULTS_LIMIT:
            break
    return out
