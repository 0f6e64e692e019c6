"""Golden tests: one reply with every block, rendered for each target."""

from __future__ import annotations

from adapters.telegram import render as render_telegram
from messages import render_plain
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
from messages.serialize import from_json, to_json

SAMPLE = Reply.of(
    Heading("Paragraph 3(e) & <friends>"),
    Paragraph(
        text("Found ", bold("two"), " matches for ", code("<!channel>"), " & ", italic("x<y"))
    ),
    Quote(text("curb the ", mark("financing"), " of terrorism; <b>not bold</b>"), cite="Ana & Co"),
    BulletList((text(bold("(a)"), " one"), text("two > one"))),
    Fields((("Usage", text(code("paragraph <reference>"))), ("Who", text("everyone")))),
    Footer(text("Type help & more")),
    buttons=(Button("Next ›", "practices page 2"),),
)

PLAIN = """Paragraph 3(e) & <friends>
Found two matches for <!channel> & x<y

> curb the *financing* of terrorism; <b>not bold</b>
— Ana & Co

• (a) one
• two > one

Usage: paragraph <reference>
Who: everyone

Type help & more

[Next ›: practices page 2]"""

TELEGRAM = """<b>Paragraph 3(e) &amp; &lt;friends&gt;</b>
Found <b>two</b> matches for <code>&lt;!channel&gt;</code> &amp; <i>x&lt;y</i>

<blockquote>curb the <b>financing</b> of terrorism; &lt;b&gt;not bold&lt;/b&gt;</blockquote>
— <i>Ana &amp; Co</i>

• <b>(a)</b> one
• two &gt; one

<b>Usage:</b> <code>paragraph &lt;reference&gt;</code>
<b>Who:</b> everyone

<i>Type help &amp; more</i>"""


def test_plain() -> None:
    assert render_plain.render(SAMPLE) == PLAIN


def test_telegram_html() -> None:
    assert render_telegram.render(SAMPLE) == TELEGRAM


def test_telegram_splits_at_block_boundaries_under_the_limit() -> None:
    long = Reply.of(*(Quote(text(f"{i} " + "word " * 150)) for i in range(20)))
    chunks = render_telegram.render_chunks(long)
    assert len(chunks) > 1
    assert all(len(c) <= 4096 for c in chunks)
    assert all(c.count("<blockquote>") == c.count("</blockquote>") for c in chunks)
    assert sum(c.count("<blockquote>") for c in chunks) == 20


def test_telegram_splits_one_oversized_block_without_losing_words() -> None:
    words = [f"w{i}" for i in range(3000)]
    chunks = render_telegram.render_chunks(Reply.of(Paragraph(text(" ".join(words)))))
    assert len(chunks) > 1 and all(len(c) <= 4096 for c in chunks)
    assert " ".join(chunks).split() == words


def test_serialisation_round_trip() -> None:
    import json

    assert from_json(json.loads(json.dumps(to_json(SAMPLE)))) == SAMPLE


def test_telegram_mentions_in_text_ping_no_one() -> None:
    html = render_telegram.render(Reply.of(Paragraph(text("thanks @ana_b and a@b.org, @ alone"))))
    assert html == "thanks @\u2060ana_b and a@b.org, @ alone"
