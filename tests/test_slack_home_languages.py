"""The Slack App Home in Russian and Arabic, end to end against the fake Slack: a member whose
Slack locale is ru-RU or ar gets every line of the Home in it, the counted and dated words
included; only the milestone titles an admin typed and the notes members wrote keep theirs."""

from __future__ import annotations

import json
import re

import aiohttp
import pytest

from adapters.slack.adapter import SlackAdapter
from adapters.slack.testing.fake import FakeSlack, app_home_opened, deliver
from bot.reminders import cycle
from messages.catalogue import say


def _data() -> list[str]:
    """What the shipped review data says in English (its notes, reasons, sources and the
    seeded milestone's title): data quoted as written, not the bot's own sentences."""
    c = cycle.load()
    said = [t for r in c.reviews for t in (r.note, r.gap_reason, r.source) if t]
    return sorted(
        said + [str(m["title"]) for m in c.seeds] + [str(m["source"]) for m in c.seeds],
        key=len,
        reverse=True,
    )


def _texts(blocks: object) -> list[str]:
    """Every text a member reads in the view's blocks."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return found


async def _home(slack: SlackAdapter, fake: FakeSlack, user: str, locale: str) -> list[str]:
    fake.add_user(user, locale=locale)
    async with aiohttp.ClientSession() as http:
        await deliver(http, slack, app_home_opened(user=user, channel="D" + user))
    await fake.wait_for("views.publish")
    return _texts(fake.homes[user]["blocks"])


@pytest.mark.parametrize(
    ("locale", "lang", "review"),
    [("ru-RU", "ru", "Девятый обзор"), ("ar", "ar", "الاستعراض التاسع")],
)
async def test_the_home_speaks_the_members_language(
    slack: SlackAdapter, fake_slack: FakeSlack, locale: str, lang: str, review: str
) -> None:
    texts = await _home(slack, fake_slack, "U0" + lang.upper(), locale)
    shown = json.dumps(texts, ensure_ascii=False)
    for key in ("slack.home_reminders", "slack.home_subscribe", "slack.home_share"):
        assert say(key, locale=lang) in shown and say(key, locale="en") not in shown
    assert review in shown  # the last review, named by the catalogue's ordinal
    # No English of the bot's own: no run of three English words once the shipped data
    # (quoted as written) is taken out.
    for data in _data():
        shown = shown.replace(data, "")
    english = re.findall(r"\b[a-z]{3,} [a-z]{2,} [a-z]{2,}\b", shown)
    assert not english, english
