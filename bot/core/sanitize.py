"""Cleaning what users type before the core reads it.

Control, zero-width and bidirectional-override characters are removed: they are invisible in
chat, so a command word carrying one would fail for no reason the user could see. The
zero-width joiner and non-joiner stay in the text, where they belong to emoji sequences and to
scripts such as Persian, and are dropped from the command word only.
"""

from __future__ import annotations

import re
import unicodedata

# The longest message the core reads, where a platform's record sets no limit of its own
# (``Platform.max_text``); longer text is refused, not truncated.
MAX_MESSAGE = 4096

_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def clean(text: str) -> str:
    return _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n").strip()


def command_word(word: str) -> str:
    """The command word as the registry spells it: ``/Paragraph@CoalitionBot`` -> ``paragraph``."""
    word = unicodedata.normalize("NFKC", word).lower().lstrip("/!").replace("\u200c", "")
    word = word.replace("\u200d", "")
    return word.split("@", 1)[0]
