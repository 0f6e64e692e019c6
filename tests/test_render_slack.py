"""Golden tests of the Slack renderer: escaping, Slack's limits, and buttons."""

from __future__ import annotations

import re

from messages.model import (
    BulletList,
    Button,
    Fields,
    Footer,
    Heading,
    Paragraph,
    Quote,
    Reply,
    bold,
    code,
    italic,
    mark,
    text,
)
from messages.render_slack import render, render_messages

SAMPLE = Reply.of(
    Heading("Paragraph 3(e) & <friends>"),
    Paragraph(text("Found ", bold("two"), " matches for ", code("<!channel>"), " & ", italic("x"))),
    Paragraph(text("plain *stars* and <!here>")),
    Quote(text("curb the ", mark("financing"), " of terrorism"), cite="Ana & Co"),
    BulletList((text(bold("(a)"), " one"), text("two > one"))),
    Fields((("Usage", text(code("paragraph <reference>"))),)),
    Footer(text("Type help & more")),
    buttons=(Button("Next ›", "practices page 2"),),
)

GOLDEN = [
    {"type": "header", "text": {"type": "plain_text", "text": "Paragraph 3(e) & <friends>"}},
    {
        "type": "section",
        "text": {
            "type": "mrkdwn",
            "text": "Found *two* matches for `&lt;!channel&gt;` &amp; _x_",
            "verbatim": True,
        },
    },
    {
        "type": "section",
        "text": {"type": "plain_text", "text": "plain *stars* and <!here>", "emoji": True},
    },
    {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "> curb the *financing* of terrorism", "verbatim": True},
    },
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "Ana &amp; Co", "verbatim": True}]},
    {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "• *(a)* one\n• two &gt; one", "verbatim": True},
    },
    {
        "type": "section",
        "text": {
            "type": "mrkdwn",
            "text": "*Usage:* `paragraph &lt;reference&gt;`",
            "verbatim": True,
        },
    },
    {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "Type help &amp; more", "verbatim": True}],
    },
    {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": "Next ›"},
                "value": "practices page 2",
                "action_id": "command_0",
            }
        ],
    },
]

ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def test_golden() -> None:
    assert render(SAMPLE) == GOLDEN


def test_fallback_text_is_escaped() -> None:
    [message] = render_messages(SAMPLE)
    assert "<" not in message["text"] and ">" not in message["text"]
    assert "&lt;!here&gt;" in message["text"]


def test_a_long_unbroken_text_is_cut_within_limits_and_never_inside_an_entity() -> None:
    reply = Reply.of(Paragraph(text(bold("a&b<" * 1500))))
    sections = [b["text"]["text"] for b in render(reply)]
    assert len(sections) > 1
    assert all(len(s) <= 3000 for s in sections)
    assert not any(ENTITY.search(s) for s in sections)
    assert "".join(sections) == "*" + "a&amp;b&lt;" * 1500 + "*"


def test_long_text_is_split_at_line_ends() -> None:
    lines = tuple(text(f"item {i:04d} " + "x" * 90) for i in range(100))
    sections = render(Reply.of(BulletList(lines)))
    assert len(sections) == 4
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert all(b["text"]["text"].startswith("• item") for b in sections)


def test_more_than_fifty_blocks_become_several_messages() -> None:
    reply = Reply(tuple(Paragraph(text(f"p{i}")) for i in range(120)))
    messages = render_messages(reply)
    assert [len(m["blocks"]) for m in messages] == [50, 50, 20]
    assert messages[2]["blocks"][-1]["text"]["text"] == "p119"


def test_many_buttons_are_split_into_actions_blocks_of_25() -> None:
    reply = Reply.of(
        Paragraph(text("pages")), buttons=tuple(Button(f"{i}", f"page {i}") for i in range(30))
    )
    actions = [b for b in render(reply) if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [25, 5]
    ids = [e["action_id"] for a in actions for e in a["elements"]]
    assert len(set(ids)) == 30 and ids[-1] == "command_29"


def test_empty_parts_make_no_empty_blocks() -> None:
    reply = Reply.of(Heading("  "), BulletList(()), Fields(()), Paragraph(text("")))
    assert render(reply) == []
