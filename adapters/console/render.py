"""Replies for a terminal: wrapped to its width, emphasis as bold and italic, quotes indented,
list items hanging, and the whole answer set apart from what the user typed by a left margin
(and, with colour, a coloured heading).

``rich`` does the layout (wrapping by display width, hanging indents) and is imported on the
first render only, so ``ask`` and piped mode, which print plain text, never load it. With
``styled=False`` (``NO_COLOR`` set, or ``TERM=dumb``) the layout stays but no escape sequence
is written, and a search match keeps render_plain's ``*match*`` so it is still visible.

Text typed by users (notes, names) reaches rich as ``Text`` objects, never as markup, so
nothing a member wrote can turn into formatting here either.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from messages import render_plain
from messages.model import (
    Block,
    BulletList,
    Fields,
    Footer,
    Heading,
    Paragraph,
    Quote,
    Reply,
    Style,
    Text,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment
    from rich.text import Text as RichText

MARGIN = 2  # columns left of every answer: input at the edge, answers indented
MIN_WIDTH = 20  # below this a terminal is too narrow to lay out: wrap at 20 anyway

_STYLES = {
    Style.PLAIN: "",
    Style.BOLD: "bold",
    Style.ITALIC: "italic",
    Style.CODE: "cyan",
    Style.MARK: "bold yellow",
}


def styled_terminal(environ: Mapping[str, str], isatty: bool) -> bool:
    """Whether escape sequences may be written: a terminal, not ``dumb``, no ``NO_COLOR``
    (https://no-color.org: set to anything non-empty)."""
    return isatty and not environ.get("NO_COLOR") and environ.get("TERM", "") != "dumb"


def preload() -> None:
    """Imports rich ahead of the first answer (the console calls this in a thread)."""
    import rich.console
    import rich.padding
    import rich.segment
    import rich.table
    import rich.text  # noqa: F401


def _text(t: Text, styled: bool) -> RichText:
    from rich.text import Text as RichText

    out = RichText(overflow="fold")
    for span in t:
        words = _clean(span.text)
        if styled:
            out.append(words, _STYLES[span.style])
        else:
            out.append(f"*{words}*" if span.style is Style.MARK else words)
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(s: str) -> str:
    """Without control characters: an escape sequence in a note must not reach the terminal."""
    return _CONTROL.sub("", s)


def _hanging(rows: list[tuple[RichText, RichText]]) -> RenderableType:
    """Two columns: a fixed label (bullet, field name), then text that wraps under itself."""
    from rich.table import Table

    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, body in rows:
        grid.add_row(label, body)
    return grid


class _Bar:
    """A quote: its text wrapped two columns narrower, each line behind a bar."""

    def __init__(self, body: RenderableType, style: str) -> None:
        self.body = body
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        narrower = options.update(width=max(1, options.max_width - 2))
        for line in console.render_lines(self.body, narrower, pad=False):
            yield Segment("│ ", console.get_style(self.style) if self.style else None)
            yield from line
            yield Segment.line()


def _block(b: Block, styled: bool) -> RenderableType:
    from rich.padding import Padding
    from rich.text import Text as RichText

    match b:
        case Heading(text=h):
            return RichText(_clean(h), style="bold cyan" if styled else "", overflow="fold")
        case Paragraph(text=t):
            return _text(t, styled)
        case Quote(text=t, cite=cite):
            body = _text(t, styled)
            if cite:
                body.append("\n— " + _clean(cite), style="dim" if styled else "")
            return _Bar(body, "dim" if styled else "")
        case BulletList(items=items):
            return _hanging([(RichText("• "), _text(i, styled)) for i in items])
        case Fields(pairs=pairs):
            key = "bold" if styled else ""
            rows = [(RichText(f"{_clean(k)}: ", style=key), _text(v, styled)) for k, v in pairs]
            if max((len(k) for k, _ in pairs), default=0) > 16:  # long names: value below
                return _hanging([(RichText(""), RichText.assemble(r[0], r[1])) for r in rows])
            return _hanging(rows)
        case Footer(text=t):
            footer = _text(t, styled)
            if styled:
                footer.stylize("dim")
            return Padding(footer, (0, 0, 0, 0))
    raise TypeError(f"unknown block {b!r}")


def render(reply: Reply, width: int, styled: bool = True) -> str:
    """The reply laid out for a terminal ``width`` columns wide, without a final newline."""
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.text import Text as RichText

    parts: list[RenderableType] = []
    for i, b in enumerate(reply.blocks):
        if i and not isinstance(reply.blocks[i - 1], Heading):
            parts.append(RichText(""))
        parts.append(_block(b, styled))
    tail = render_plain.render(Reply((), buttons=reply.buttons, attachment=reply.attachment))
    if tail.strip():
        parts += [RichText(""), RichText(_clean(tail.strip()), style="dim" if styled else "")]
    out = io.StringIO()
    console = Console(
        file=out,
        width=max(width, MIN_WIDTH + MARGIN),
        force_terminal=styled,
        color_system="standard" if styled else None,
        no_color=not styled,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        _environ={},  # the caller decided about NO_COLOR and TERM; rich must not re-decide
    )
    console.print(Padding(Group(*parts), (0, 0, 0, MARGIN), expand=False), crop=False)
    lines = out.getvalue().rstrip("\n").split("\n")
    return "\n".join(_TAIL.sub(_keep_styles, line) for line in lines)


_SGR = re.compile(r"\x1b\[[0-9;]*m")
_TAIL = re.compile(r"(?:\s|\x1b\[[0-9;]*m)+$")  # rich's padding, mixed with style resets


def _keep_styles(tail: re.Match[str]) -> str:
    return "".join(_SGR.findall(tail.group(0)))


def terminal_size() -> tuple[int, int]:
    """The terminal's columns and rows (``COLUMNS``/``LINES`` first, as the shell sets them)."""
    size = shutil.get_terminal_size()
    return size.columns, size.lines
