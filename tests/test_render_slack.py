"""Golden tests of the Slack renderer: literal user text, Slack's limits, and buttons."""

from __future__ import annotations

import warnings
from typing import Any

from slack_sdk.models.blocks import Block

from adapters.slack.render import render, render_messages
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


def t(s: str, *styles: str) -> dict[str, Any]:
    """A rich text element, as Slack receives it."""
    element: dict[str, Any] = {"type": "text", "text": s}
    if styles:
        element["style"] = {name: True for name in styles}
    return element


def rich(kind: str, *elements: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "rich_text", "elements": [{"type": kind, **extra, "elements": list(elements)}]}


def section(*elements: dict[str, Any]) -> dict[str, Any]:
    return {"type": "rich_text_section", "elements": list(elements)}


GOLDEN = [
    {"type": "header", "text": {"type": "plain_text", "text": "Paragraph 3(e) & <friends>"}},
    rich(
        "rich_text_section",
        t("Found "),
        t("two", "bold"),
        t(" matches for "),
        t("<!channel>", "code"),
        t(" & "),
        t("x", "italic"),
    ),
    {
        "type": "section",
        "text": {"type": "plain_text", "text": "plain *stars* and <!here>", "emoji": True},
    },
    rich("rich_text_quote", t("curb the "), t("financing", "bold"), t(" of terrorism")),
    {"type": "context", "elements": [{"type": "plain_text", "text": "Ana & Co", "emoji": True}]},
    rich(
        "rich_text_list",
        section(t("(a)", "bold"), t(" one")),
        section(t("two > one")),
        style="bullet",
    ),
    rich("rich_text_section", t("Usage:", "bold"), t(" "), t("paragraph <reference>", "code")),
    {
        "type": "context",
        "elements": [{"type": "plain_text", "text": "Type help & more", "emoji": True}],
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

TYPED = "*bold* _x_ ~y~ `z` <!channel> <@U123> & co"


def texts(block: dict[str, Any]) -> list[str]:
    """Every rich text element's text in a rich_text block, in order."""
    out: list[str] = []
    for e in block["elements"]:
        for inner in e["elements"]:
            if inner["type"] == "rich_text_section":
                out += [x["text"] for x in inner["elements"]]
            else:
                out.append(inner["text"])
    return out


def mrkdwn_anywhere(node: Any) -> bool:
    if isinstance(node, list):
        return any(mrkdwn_anywhere(n) for n in node)
    if isinstance(node, dict):
        return node.get("type") == "mrkdwn" or any(mrkdwn_anywhere(v) for v in node.values())
    return False


def test_golden() -> None:
    assert render(SAMPLE) == GOLDEN


def test_every_block_is_one_slack_sdk_knows_without_a_stray_key() -> None:
    long_list = BulletList(tuple(text(bold(f"{i}"), " x" * 60) for i in range(80)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # slack_sdk warns of unknown keys
        for b in render(SAMPLE) + render(Reply.of(long_list)):
            assert Block.parse(b).to_dict() == b  # type: ignore[union-attr]


def test_markup_typed_by_a_user_in_a_styled_block_stays_literal() -> None:
    reply = Reply.of(
        Paragraph(text(mark("port"), " ", TYPED)),
        Quote(text(TYPED, " ", mark("port"))),
        BulletList((text(bold("#4"), " ", TYPED),)),
        Fields((("Title", text(TYPED)),)),
        Footer(text(italic("by"), " ", TYPED)),
    )
    blocks = render(reply)
    assert [b["type"] for b in blocks] == ["rich_text"] * 5
    assert not mrkdwn_anywhere(blocks)
    assert texts(blocks[0]) == ["port", " " + TYPED]
    assert blocks[0]["elements"][0]["elements"][1] == {"type": "text", "text": " " + TYPED}
    assert texts(blocks[1]) == [TYPED + " ", "port"]
    assert texts(blocks[2]) == ["#4", " " + TYPED]
    assert texts(blocks[3]) == ["Title:", " " + TYPED]
    assert texts(blocks[4]) == ["by", " " + TYPED]
    # Slack has no mention or formatting inside a text element; only the fallback is parsed.
    [message] = render_messages(reply)
    assert "<!channel>" not in message["text"] and "<@U123>" not in message["text"]
    assert "&lt;!channel&gt; &lt;@U123&gt; &amp; co" in message["text"]


def test_fallback_text_is_escaped() -> None:
    [message] = render_messages(SAMPLE)
    assert "<" not in message["text"] and ">" not in message["text"]
    assert "&lt;!here&gt;" in message["text"]


def test_a_long_unbroken_text_is_cut_within_limits_and_keeps_every_character() -> None:
    reply = Reply.of(Paragraph(text(bold("a&b<" * 1500))))
    blocks = render(reply)
    assert len(blocks) == 2
    parts = [e for b in blocks for e in b["elements"][0]["elements"]]
    assert all(len(e["text"]) <= 3000 and e["style"] == {"bold": True} for e in parts)
    assert "".join(e["text"] for e in parts) == "a&b<" * 1500


def test_a_long_styled_paragraph_is_cut_at_a_line_end_and_keeps_its_styles() -> None:
    lines = [text("\n" if i else "", bold(f"{i:03d}"), " " + "y" * 95) for i in range(70)]
    reply = Reply.of(Paragraph(tuple(s for line in lines for s in line)))
    blocks = render(reply)
    assert len(blocks) == 3
    assert all(sum(len(s) for s in texts(b)) <= 3000 for b in blocks)
    elements = [e for b in blocks for e in b["elements"][0]["elements"]]
    numbers = [e["text"] for e in elements if e.get("style") == {"bold": True}]
    assert numbers == [f"{i:03d}" for i in range(70)]
    assert all(b["elements"][0]["elements"][0]["text"] in numbers for b in blocks)  # whole lines


def test_long_text_is_split_at_line_ends() -> None:
    lines = tuple(text(f"item {i:04d} " + "x" * 90) for i in range(100))
    blocks = render(Reply.of(BulletList(lines)))
    assert len(blocks) == 4
    assert all(sum(len(s) for s in texts(b)) <= 3000 for b in blocks)
    items = [i for b in blocks for i in b["elements"][0]["elements"]]
    assert [i["elements"][0]["text"][:9] for i in items] == [f"item {i:04d}" for i in range(100)]
    assert all(b["elements"][0]["style"] == "bullet" for b in blocks)


def test_many_fields_are_split_between_pairs() -> None:
    pairs = tuple((f"Key {i}", text("v" * 200)) for i in range(30))
    blocks = render(Reply.of(Fields(pairs)))
    assert len(blocks) == 3
    for b in blocks:
        parts = texts(b)
        assert sum(len(s) for s in parts) <= 3000
        assert parts[0].startswith("Key ") and parts[0].endswith(":")


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
    reply = Reply.of(
        Heading("  "),
        BulletList(()),
        BulletList((text(""), text(bold("  ")))),
        Fields(()),
        Paragraph(text("")),
        Paragraph(text(bold(" "), "\n")),
        Quote(text(" ")),
        Footer(text("  ")),
        Footer(text(italic(""))),
    )
    assert render(reply) == []


def test_an_empty_item_leaves_no_empty_bullet() -> None:
    [block] = render(Reply.of(BulletList((text("one"), text(""), text(bold("two"))))))
    assert [s["elements"] for s in block["elements"][0]["elements"]] == [
        [{"type": "text", "text": "one"}],
        [{"type": "text", "text": "two", "style": {"bold": True}}],
    ]
