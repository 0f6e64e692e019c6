"""An Arabic answer in every renderer (issue 20, item 5): the sentence stays in logical order
with its values isolated (U+2068 … U+2069), and no renderer drops, escapes or reorders the
isolates, so Slack, Telegram and Matrix clients (which run the Unicode bidi algorithm) show a
"3(e)" or a member's name as one unit inside the Arabic words.

The terminal keeps logical order too: most terminals have no bidi algorithm of their own, and
those that do (GNOME's VTE, mlterm, Konsole) apply it to logical text; reordering here would
scramble exactly those, and break copy and paste everywhere. The isolates cost nothing where
they are ignored, and rich measures them as zero-width, so wrapping is unchanged."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.console.render import render as console_render
from adapters.matrix.render import render_messages as matrix_render
from adapters.slack.render import fallback as slack_fallback
from adapters.slack.render import render as slack_render
from adapters.telegram.render import render as telegram_render
from bot.testing import TestBot
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


# -- golden: two whole Arabic answers in every renderer ---------------------------------------
#
# ``paragraph 3e`` and ``search financing`` asked by a member who chose Arabic, rendered by each
# renderer and compared whole with tests/data/rtl/<case>.<renderer>.txt. Set UPDATE_GOLDEN=1 to
# write them again after a deliberate change (and read the diff: it is what members see).

GOLDEN_DIR = Path(__file__).parent / "data" / "rtl"
CASES = {"paragraph": "paragraph 3e", "search": "search financing"}
RENDERERS: dict[str, Callable[[Reply], str]] = {
    "plain": plain_render,
    "terminal": lambda r: console_render(r, width=100, styled=False),
    "telegram": telegram_render,
    "slack_mrkdwn": slack_fallback,
    "slack_blocks": lambda r: json.dumps(slack_render(r), ensure_ascii=False, indent=1),
    "matrix": lambda r: json.dumps(matrix_render(r), ensure_ascii=False, indent=1),
}


async def _arabic(testbot: TestBot, line: str) -> Reply:
    await testbot.send("language ar")
    return await testbot.send(line)


def _outside_isolates(line: str) -> str:
    """The characters of ``line`` that are not inside an isolate: what the Arabic sentence
    itself lays out, its references and English excerpts being units inside it."""
    out, depth = [], 0
    for c in line:
        if c == FSI:
            depth += 1
        elif c == PDI:
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-z]|[0-9][(]")  # a letter, or a reference such as 3(e)


def _fribidi() -> Callable[[str], str] | None:
    """The visual order FriBidi lays a line out in (the base direction from its first strong
    letter, as chat clients do), where the library is on this machine."""
    name = ctypes.util.find_library("fribidi")
    if name is None:
        return None
    lib = ctypes.CDLL(name)

    def visual(s: str) -> str:
        n = len(s)
        logical = (ctypes.c_uint32 * n)(*map(ord, s))
        shown = (ctypes.c_uint32 * n)()
        base = ctypes.c_uint32(0x40)  # FRIBIDI_PAR_ON: from the first strong letter
        lib.fribidi_log2vis(logical, n, ctypes.byref(base), shown, None, None, None)
        return "".join(chr(c) for c in shown if c not in (0x2068, 0x2069))

    return visual


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("case", CASES)
async def test_golden_arabic_answers(testbot: TestBot, case: str, renderer: str) -> None:
    out = RENDERERS[renderer](await _arabic(testbot, CASES[case]))
    golden = GOLDEN_DIR / f"{case}.{renderer}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out + "\n", encoding="utf-8")
    assert out + "\n" == golden.read_text(encoding="utf-8")
    assert out.count(FSI) == out.count(PDI)


@pytest.mark.parametrize("case", CASES)
async def test_arabic_lines_hold_english_and_references_only_in_isolates(
    testbot: TestBot, case: str
) -> None:
    """Every line that is an Arabic sentence has no Latin letter or lettered reference
    outside an isolate (a number alone, "الفقرة 2", is at home in Arabic): "3(e)", the
    Code's title and its English excerpts are each one unit, so they keep their own order
    whatever the client's bidi algorithm does around them. Lines with no Arabic (the Code
    quoted in English) are left-to-right paragraphs of their own."""
    lines = plain_render(await _arabic(testbot, CASES[case])).splitlines()
    arabic = [line for line in lines if _ARABIC.search(_outside_isolates(line))]
    assert arabic
    for line in arabic:
        bare = _outside_isolates(line)
        assert not _LATIN.search(re.sub(r"\b(paragraph|search|help)\b", "", bare)), line


async def test_fribidi_shows_the_references_whole(testbot: TestBot) -> None:
    visual = _fribidi()
    if visual is None:
        pytest.skip("no FriBidi on this machine: the structure test above stands for it")
    shown = [
        visual(line) for line in plain_render(await _arabic(testbot, "paragraph 3e")).splitlines()
    ]
    assert "3(e)" in shown[0] and "(e)3" not in "".join(shown)
    found = [
        visual(line)
        for line in plain_render(await _arabic(testbot, "search financing")).splitlines()
    ]
    [bullet] = [line for line in found if "3(e)" in line]
    # Right to left: the bullet on the right, then the reference, then the English excerpt
    # in its own order, its semicolon with it.
    assert bullet.startswith("curb the *financing* of terrorism; — 3(e) "), bullet
