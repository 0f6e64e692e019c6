"""Sentences of the terminal console: its introduction, saved files, start-up trouble."""

from __future__ import annotations

from messages import catalogue

STRINGS: dict[str, str] = {
    # the head of a message that arrives by itself (a reminder, a relayed note)
    "console.message": "[message {id}]",
    "console.message_edited": "[message {id}, edited]",
    "console.intro": (
        "Coalition bot. Type help for commands; Tab completes them.\n"
        "Enter sends. Esc then Enter (or Alt-Enter) starts a new line; a pasted block is one "
        "message.\n"
        "Ctrl-C clears the line or stops an answer; Ctrl-D or quit leaves."
    ),
    "console.interrupted": "Stopped.",
    "console.interrupt_again": "Press Ctrl-C again to leave, or type quit.",
    "console.saved": "Saved {filename} ({size:,} bytes) to {path}",
    "console.save_failed": "Could not save {filename} in {folder}: {reason}.",
    "console.no_free_name": (
        "Could not save {filename} in {folder}: {first} to {last} already exist. "
        "Move some of them away, or choose another folder with --out."
    ),
    "console.out_not_folder": "--out {folder}: there is no such folder.",
    "console.services_failed": (
        "Reminders and relayed notes cannot be shown in this session: {reason}"
    ),
}

catalogue.extend(STRINGS)
catalogue.translations("adapters.console.locales")
