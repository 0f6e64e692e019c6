"""The Slack App Home tab as a Block Kit view: the review countdown, this member's reminders,
the latest best practices, each with buttons.

The content comes from the core (``bot.home``: the answers of the typed commands ``review``
and ``subscriptions`` in the member's direct chat with the bot, and the ``practices`` list, read
together), so the Home says exactly what those commands say, with the same catalogue sentences
and the same services behind them. The blocks are made by ``adapters.slack.render`` (plain_text
and rich_text only), so nothing a member typed — a practice's text, a name — can format or ping
anyone.

Every Home button carries a typed command in its ``value``; the adapter runs it in the
member's direct chat (kept in the view's ``private_metadata``) and publishes the Home again.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.render import block, render
from bot.home import Home
from messages.catalogue import say
from messages.model import Block, Heading, Paragraph, Reply, text

Json = dict[str, Any]

HOME_ACTION_PREFIX = "home_"  # action_id of a Home button that runs a command
SHARE_ACTION = "practice_share"  # the Home's "Share a best practice" button opens the modal
VIEW_BLOCK_LIMIT = 100  # Slack: at most 100 blocks in a view
PRACTICES_SHOWN = 5
CHANGE_COMMAND = "subscribe 30d 7d 1d"


def _actions(group: str, buttons: list[tuple[str, str]]) -> Json:
    """An actions block of (label, command) buttons, with action_ids unique in the view."""
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": label[:75]},
                "value": value[:2000],
                "action_id": f"{HOME_ACTION_PREFIX}{group}_{i}",
            }
            for i, (label, value) in enumerate(buttons)
        ],
    }


def _blocks(reply: Reply) -> list[Json]:
    """A reply's content without its own buttons (their commands belong in a conversation)."""
    return [j for b in reply.blocks for j in block(b)]


def home_view(home: Home, *, dm_channel: str, can_share: bool = True) -> Json:
    """The ``views.publish`` view for one member; ``dm_channel`` is their direct chat with
    the bot, where the Home's buttons run their commands."""
    blocks: list[Json] = _blocks(home.review)
    blocks.append({"type": "divider"})
    blocks += render(Reply.of(Heading(say("slack.home_reminders"))))
    blocks += _blocks(home.reminders)
    if home.subscribed:
        blocks.append(
            _actions(
                "reminders",
                [
                    (say("slack.home_change"), CHANGE_COMMAND),
                    (say("slack.home_stop"), "unsubscribe"),
                ],
            )
        )
    else:
        blocks.append(_actions("reminders", [(say("slack.home_subscribe"), "subscribe")]))
    blocks.append({"type": "divider"})
    tail: list[Block] = [Heading(say("slack.home_practices"))]
    latest = home.latest
    if not latest:
        tail.append(Paragraph(text(say("slack.home_none"))))
    blocks += [j for b in tail for j in block(b)]
    for p in latest:
        blocks += block(p.entry)
    if latest:
        blocks.append(
            _actions(
                "read",
                [(say("slack.home_read", number=p.number), f"practice {p.number}") for p in latest],
            )
        )
    share = {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "style": "primary",
                "text": {"type": "plain_text", "text": say("slack.home_share")[:75]},
                "action_id": SHARE_ACTION,
                "value": "share",
            }
        ],
    }
    if can_share:
        blocks.append(share)
    # Within Slack's 100 blocks, keeping the share button (the last) when there is one.
    if len(blocks) > VIEW_BLOCK_LIMIT:
        keep = blocks[-1:] if can_share else []
        blocks = blocks[: VIEW_BLOCK_LIMIT - len(keep)] + keep
    return {
        "type": "home",
        "callback_id": "home",
        "private_metadata": dm_channel,
        "blocks": blocks,
    }
