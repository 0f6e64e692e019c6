"""Reply buttons as an inline keyboard.

A button carries the command it stands for. Telegram gives ``callback_data`` 64 bytes, so a
command that fits travels in the button itself (and keeps working after a restart); a longer
one is kept here under a short id, in a bounded table that forgets the oldest first.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from messages.model import Button

CALLBACK_DATA_LIMIT = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)  # bytes
_DIRECT = "="
_KEPT = "#"
SHORT_LABEL = 20  # labels up to this long share a row, as paging buttons do
ROW = 3


class ButtonTable:
    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._commands: OrderedDict[str, str] = OrderedDict()

    def data_for(self, command: str) -> str:
        direct = _DIRECT + command
        if len(direct.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            return direct
        key = _KEPT + hashlib.blake2s(command.encode("utf-8"), digest_size=12).hexdigest()
        self._commands[key] = command
        self._commands.move_to_end(key)
        while len(self._commands) > self.capacity:
            self._commands.popitem(last=False)
        return key

    def command_for(self, data: str | None) -> str | None:
        """The command a pressed button stands for; None when it is unknown or forgotten."""
        if not data:
            return None
        if data.startswith(_DIRECT):
            return data[len(_DIRECT) :] or None
        return self._commands.get(data)

    def markup(self, buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
        if not buttons:
            return None
        rows: list[list[InlineKeyboardButton]] = []
        row: list[InlineKeyboardButton] = []
        for b in buttons:
            button = InlineKeyboardButton(b.label, callback_data=self.data_for(b.command))
            if len(b.label) > SHORT_LABEL:
                if row:
                    rows.append(row)
                    row = []
                rows.append([button])
                continue
            row.append(button)
            if len(row) == ROW:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
        return InlineKeyboardMarkup(rows)
