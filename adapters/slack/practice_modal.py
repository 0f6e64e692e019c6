"""The "Share a best practice" modal: its Block Kit view, and reading a submission back into
the note a member would have typed.

A submission becomes ``practice <note>``: the title on the first line, then the text; the
chosen pillars and provisions (as keys) and the message it was saved from go with it as the
form's fields (``Incoming.form``), not as text to parse back. So it goes through the same
limits and service (idempotence, moderation, relay) as the typed command. The limits are
checked here first with the typed command's own ``length_error``, so a mistake is shown
inline in the modal (``response_action: errors``) instead of in a message after the modal
closed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot.code.document import Document
from bot.code.pillars import PILLARS
from bot.practices.parse import (
    FORM_SOURCE_AUTHOR,
    FORM_SOURCE_LINK,
    FORM_TAGS,
    MAX_LENGTH,
    MAX_TITLE,
    length_error,
)
from messages.catalogue import say

Json = dict[str, Any]

CALLBACK_ID = "practice_modal"
SHORTCUT_ID = "share_practice"  # the global shortcut
MESSAGE_SHORTCUT_ID = "save_practice"  # the message shortcut "Save as best practice"
TITLE_BLOCK, TEXT_BLOCK, PILLARS_BLOCK, PROVISIONS_BLOCK = "title", "text", "pillars", "provisions"
MORE_BLOCK = "more"  # the rest of a note longer than one field holds
OPTION_LIMIT = 75  # Slack: an option's text
INPUT_LIMIT = 3000  # Slack: a plain_text_input's value, max_length and initial value
# A note may hold MAX_LENGTH (4,000) characters, one field 3,000: the rest goes in a second.
MORE_LIMIT = MAX_LENGTH - INPUT_LIMIT


def _plain(s: str, limit: int) -> Json:
    return {"type": "plain_text", "text": s[:limit]}


def _option(label: str, value: str) -> Json:
    if len(label) > OPTION_LIMIT:
        label = label[: OPTION_LIMIT - 1].rstrip() + "…"
    return {"text": _plain(label, OPTION_LIMIT), "value": value}


def provision_options(doc: Document) -> list[Json]:
    """Every provision of the Code, labelled ``Paragraph 3(e): its opening words``."""
    return [_option(f"{p.name}: {p.text}", p.key) for p in doc.provisions]


def pillar_options() -> list[Json]:
    return [
        _option(say("slack.modal_pillar", number=p.number, text=p.text), f"pillar{p.number}")
        for p in PILLARS
    ]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the modal was opened from, kept in the view's ``private_metadata``: the chat the
    answer goes to (a direct chat, or the member's id, which Slack reads as their direct
    chat with the app), and for a saved message who wrote it and its permalink."""

    chat: str
    author: str = ""
    permalink: str = ""

    def encode(self) -> str:
        return json.dumps({"chat": self.chat, "author": self.author, "link": self.permalink})

    @classmethod
    def decode(cls, raw: str) -> Origin:
        try:
            data = json.loads(raw)
        except ValueError:
            return cls("")
        if not isinstance(data, dict):
            return cls("")
        return cls(
            str(data.get("chat", "")), str(data.get("author", "")), str(data.get("link", ""))
        )


def modal(doc: Document, origin: Origin, *, initial_text: str = "") -> Json:
    """The ``views.open`` view; ``initial_text`` prefills the text (a saved message)."""
    text_input: Json = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": True,
        "max_length": INPUT_LIMIT,
        "placeholder": _plain(say("slack.modal_text_hint"), 150),
    }
    more_input: Json = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": True,
        "max_length": MORE_LIMIT,
    }
    if initial_text:
        text_input["initial_value"] = initial_text[:INPUT_LIMIT]
        if rest := initial_text[INPUT_LIMIT:MAX_LENGTH]:
            more_input["initial_value"] = rest
    blocks: list[Json] = [
        {
            "type": "input",
            "block_id": TITLE_BLOCK,
            "optional": True,
            "label": _plain(say("slack.modal_title_label"), 2000),
            "element": {"type": "plain_text_input", "action_id": "value", "max_length": MAX_TITLE},
        },
        {
            "type": "input",
            "block_id": TEXT_BLOCK,
            "label": _plain(say("slack.modal_text_label"), 2000),
            "element": text_input,
        },
        {
            "type": "input",
            "block_id": MORE_BLOCK,
            "optional": True,
            "label": _plain(say("slack.modal_more_label", limit=MORE_LIMIT), 2000),
            "element": more_input,
        },
        {
            "type": "input",
            "block_id": PILLARS_BLOCK,
            "optional": True,
            "label": _plain(say("slack.modal_pillars_label"), 2000),
            "element": {
                "type": "multi_static_select",
                "action_id": "value",
                "options": pillar_options(),
            },
        },
        {
            "type": "input",
            "block_id": PROVISIONS_BLOCK,
            "optional": True,
            "label": _plain(say("slack.modal_provisions_label"), 2000),
            "element": {
                "type": "multi_static_select",
                "action_id": "value",
                "options": provision_options(doc),
            },
        },
    ]
    if origin.permalink:
        blocks.append(
            {
                "type": "context",
                "elements": [_plain(say("slack.modal_saved_from", link=origin.permalink), 2000)],
            }
        )
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": origin.encode(),
        "title": _plain(say("slack.modal_title"), 24),
        "submit": _plain(say("slack.modal_submit"), 24),
        "close": _plain(say("slack.modal_close"), 24),
        "blocks": blocks,
    }


@dataclass(frozen=True, slots=True)
class Submitted:
    """A submission read back: the note's text as the typed command takes it (title, then
    body), the form's other fields as the command reads them (``Incoming.form``: the chosen
    tags as keys, the message it was saved from), or the inline errors (block_id → sentence)."""

    note: str
    errors: dict[str, str]
    fields: dict[str, str] = field(default_factory=dict)


def _value(values: Json, block_id: str) -> Any:
    return (values.get(block_id) or {}).get("value") or {}


def read_submission(view: Json, origin: Origin) -> Submitted:
    values = (view.get("state") or {}).get("values") or {}
    title = str(_value(values, TITLE_BLOCK).get("value") or "").strip()
    # The second field continues the first where Slack's 3,000 characters cut it.
    first = str(_value(values, TEXT_BLOCK).get("value") or "")
    body = (first + str(_value(values, MORE_BLOCK).get("value") or "")).strip()
    tags = [
        str(o.get("value", ""))
        for block_id in (PILLARS_BLOCK, PROVISIONS_BLOCK)
        for o in _value(values, block_id).get("selected_options") or []
    ]
    fields: dict[str, str] = {}
    if tags := [t for t in tags if t]:
        fields[FORM_TAGS] = " ".join(tags)
    if origin.permalink:
        fields[FORM_SOURCE_LINK] = origin.permalink
        fields[FORM_SOURCE_AUTHOR] = "slack:" + origin.author if origin.author else "?"
    note = f"{title}\n{body}" if title else body
    errors: dict[str, str] = {}
    if "\n" in title or len(title) > MAX_TITLE:
        errors[TITLE_BLOCK] = say("slack.modal_title_too_long", limit=MAX_TITLE)
    elif problem := length_error(note):
        errors[TEXT_BLOCK] = problem
    return Submitted(note, errors, fields)
