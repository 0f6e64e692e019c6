"""The terminal renderer: wrapped to the width without breaking words, emphasis as styles,
quotes and lists indented, answers set off by a margin; no escape sequence when unstyled."""

from __future__ import annotations

import re

import pytest

from adapters.console.render import MARGIN, render, styled_terminal
from adapters.console.repl import pager_command, too_long
from messages.model import (
    BulletList,
    Fields,
    Footer,
    Heading,
    Paragraph,
    Quote,
    Reply,
    bold,
    italic,
    mark,
    text,
)

SGR = re.compile(r"\x1b\[[0-9;]*m")
LONG = (
    "The Code of Conduct for the Achievement of a Terrorism-Free World was signed in New York "
    "on 28 September 2018, at a high-level event during the 73rd session of the UN General "
    "Assembly."
)


def _plain_lines(s: str) -> list[str]:
    return SGR.sub("", s).split("\n")


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("styled", [True, False])
def test_wraps_to_the_width_between_words(width: int, styled: bool) -> None:
    reply = Reply.of(
        Heading("About the Code"),
        Paragraph(text(LONG)),
        Quote(text(LONG), cite="Code of Conduct, 2018"),
        BulletList((text(LONG), text("short"))),
    )
    lines = _plain_lines(render(reply, width, styled))
    assert max(len(line) for line in lines) <= width
    assert max(len(line) for line in lines) > width - 20  # the width is used, not a fixed one
    words = " ".join(line.strip(" │•") for line in lines).split()
    assert " ".join(words).count(LONG) == 3  # every word whole, in order: no "Sept|ember"
    assert all(line.startswith(" " * MARGIN) for line in lines if line)


def test_emphasis_is_styled_not_starred() -> None:
    reply = Reply.of(
        Paragraph(text("address the ", mark("foreign"), " threat, ", bold("now"), italic(" x")))
    )
    styled = render(reply, 80, styled=True)
    assert "*foreign*" not in styled
    assert "\x1b[1;33mforeign\x1b[0m" in styled  # a search match: bold yellow
    assert "\x1b[1mnow\x1b[0m" in styled
    assert "\x1b[3m x\x1b[0m" in styled
    unstyled = render(reply, 80, styled=False)
    assert "\x1b" not in unstyled
    assert unstyled == "  address the *foreign* threat, now x"  # the match still visible


def test_quotes_are_barred_and_lists_hang() -> None:
    reply = Reply.of(
        Quote(text("curb the financing of terrorism; " * 4), cite="Paragraph 3(e)"),
        BulletList((text("secure borders against infiltration by terrorists " * 2),)),
        Fields((("Tags", text("#pillar2, " * 8)),)),
        Footer(text("footer")),
    )
    lines = render(reply, 50, styled=False).split("\n")
    quote = lines[: lines.index("")]
    assert all(line.startswith("  │ ") for line in quote)  # every line of it, not the first
    assert quote[-1] == "  │ — Paragraph 3(e)"
    bullets = [line for line in lines if "secure" in line or "terrorists" in line]
    assert bullets[0].startswith("  • secure") and bullets[1].startswith("    ")
    tags = [line for line in lines if "#pillar2" in line]
    assert tags[0].startswith("  Tags: #pillar2") and tags[1].startswith("        #pillar2")


def test_user_text_is_never_markup() -> None:
    reply = Reply.of(Paragraph(text("[bold red]boom[/] :smile: \x1b[31mred\x9b2J")))
    for styled in (True, False):
        out = render(reply, 80, styled=styled)
        assert "[bold red]boom[/] :smile: [31mred2J" in out  # shown, not obeyed
        assert "\x1b[31m" not in out and "\x9b" not in out


def test_buttons_and_unsaved_files_are_shown() -> None:
    from messages.model import Attachment, Button

    reply = Reply.of(
        Paragraph(text("x")),
        buttons=(Button("Next", "practices page 2"),),
        attachment=Attachment("a.csv", b"1,2\n", "text/csv"),
    )
    out = render(reply, 80, styled=False)
    assert "[Next: practices page 2]" in out and "(file: a.csv, 4 bytes)" in out


@pytest.mark.parametrize(
    ("environ", "isatty", "styled"),
    [
        ({"TERM": "xterm-256color"}, True, True),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, True, False),
        ({"TERM": "xterm-256color", "NO_COLOR": ""}, True, True),  # no-color.org: non-empty
        ({"TERM": "dumb"}, True, False),
        ({"TERM": "xterm-256color"}, False, False),
    ],
)
def test_styles_only_on_a_terminal_without_no_color(
    environ: dict[str, str], isatty: bool, styled: bool
) -> None:
    assert styled_terminal(environ, isatty) is styled


def test_pager_threshold_and_command() -> None:
    assert not too_long("\n".join(["x"] * 23), rows=24)  # fits with the prompt below it
    assert too_long("\n".join(["x"] * 24), rows=24)
    assert pager_command({"PAGER": "most"}) == "most"
    assert pager_command({"PAGER": ""}) is None  # an empty PAGER: never page
    assert pager_command({}) in {"less -R", "more", None}


async def test_messages_wait_while_the_pager_has_the_screen() -> None:
    import io

    from adapters.console.adapter import ConsoleSender

    out = io.StringIO()
    sender = ConsoleSender(out)
    with sender.held():
        await sender.send("console", Reply.of(Heading("Review-cycle reminder")))
        assert out.getvalue() == ""
    assert "Review-cycle reminder" in out.getvalue()
