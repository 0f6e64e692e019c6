"""An Arabic answer in every renderer (issue 20, item 5): the sentence stays in logical order
with its values isolated (U+2068 … U+2069), and no renderer drops, escapes or reorders the
isolates, so Slack, Telegram and Matrix clients (which run the Unicode bidi algorithm) show a
"3(e)" or a member's name as one unit inside the Arabic words.

The terminal keeps logical order too: most terminals have no bidi algorithm of their own, and
those that do (GNOME's VTE, mlterm, Konsole) apply it to logical text; reordering here would
scramble exactly those, and break copy and paste everywhere. The isolates cost nothing where
they are ignored, and rich measures them as zero-width, so wrapping is unchanged."""

from __future__ import annotations

import json

from adapters.console.render import render as console_render
from adapters.matrix.render import render_messages as matrix_render
from adapters.slack.render import fallback as slack_fallback
from adapters.slack.render import render as slack_render
from adapters.telegram.render import render as telegram_render
from messages.catalogue import say
from messages.model import Heading, Paragraph, Reply, text
from messages.render_plain import render as plain_render

FSI, PDI = "\u2068", "\u2069"
SENTENCE = "لا يوجد أمر باسم «" + FSI + "3(e)" + PDI + "» لشرحه."


def _reply() -> Reply:
    said = say("help.unknown", locale="ar", word="3(e)")
    assert said == SENTENCE  # the real Arabic entry, its value isolated
    return Reply.of(Heading(say("help.heading", locale="ar")), Paragraph(text(said)))


def test_plain_keeps_the_arabic_sentence_in_logical_order() -> None:
    out = plain_render(_reply())
    assert out == say("help.heading", locale="ar") + "\n" + SENTENCE


def test_the_terminal_keeps_logical_order_and_the_isolates() -> None:
    out = console_render(_reply(), width=80, styled=False)
    assert SENTENCE in out
    assert out.index(say("help.heading", locale="ar")) < out.index(SENTENCE)


def test_telegram_html_keeps_the_isolates_unescaped() -> None:
    out = telegram_render(_reply())
    assert SENTENCE in out
    assert out.count(FSI) == out.count(PDI) == 1


def test_slack_blocks_and_fallback_keep_the_isolates() -> None:
    blocks = json.dumps(slack_render(_reply()), ensure_ascii=False)
    assert SENTENCE in blocks
    assert SENTENCE in slack_fallback(_reply())


def test_matrix_html_and_body_keep_the_isolates() -> None:
    (message,) = matrix_render(_reply())
    assert SENTENCE in message["body"]
    assert SENTENCE in message["formatted_body"]
