"""Sentences of the best-practice notes: recording, relay, moderation, browsing, export."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # recording
    "practices.missing": (
        "What is the practice? Write it after the command, for example: "
        "practice Joint border drills with our neighbours every quarter #pillar2 #3f"
    ),
    "practices.too_short": (
        "A best practice needs at least {minimum} characters; yours has {length}. "
        "Say a little more about what worked."
    ),
    "practices.needs_words": (
        "A best practice needs words: at least {minimum} of them, saying what worked "
        "(numbers and tags alone are not a note). For example: practice Joint border drills "
        "with our neighbours every quarter #pillar2 #3f"
    ),
    "practices.only_title": (
        "That is a title with nothing under it. Write what worked on the next lines, "
        "at least {minimum} words."
    ),
    "practices.too_long": (
        "A best practice can be at most {limit:,} characters; yours has {length:,}. "
        "Shorten it, or split it into two notes."
    ),
    "practices.recorded": "Recorded as best practice #{number}.",
    "practices.duplicate": (
        "You already recorded this as best practice #{number} a moment ago; I kept one copy."
    ),
    "practices.tagged": "Tagged {tags}.",
    "practices.tag_unknown": (
        "{tag} names no pillar or provision of the Code, so it is not a tag (it stays in the text)."
    ),
    "practices.tag_no_pillar": (
        "{tag}: there is no pillar {number}; the Strategy has four (#pillar1 to #pillar4). "
        "For a paragraph write #para{number}."
    ),
    "practices.tag_too_wide": (
        "{tag} names several provisions; tag one, such as #pp2 or #3e (it stays in the text)."
    ),
    "practices.awaiting_review": "An admin will review it before it is shared.",
    "practices.relaying": "It is on its way to the shared channel on {platforms}.",
    "practices.no_shared_channel": (
        "No shared channel is set up yet, so it is not relayed; an admin can run "
        "setup shared-channel in the channel that should receive notes."
    ),
    "practices.recorded_footer": (
        "Type practice {number} to read it, or practice withdraw {number} to take it back."
    ),
    "practices.untitled": "Best practice #{number}",
    "practices.attribution": "#{number} from {name} on {platform}, {date}",
    "practices.saved_from": "Saved from a message by {author}: {link}",
    # reading
    "practices.no_such": "There is no best practice #{number}.",
    "practices.was_withdrawn": "Best practice #{number} was withdrawn.",
    "practices.not_public": "Best practice #{number} has not been shared.",
    "practices.status_line_pending": "Waiting for an admin's review; not shared yet.",
    "practices.status_line_rejected": "Not shared: an admin rejected it ({reason}).",
    "practices.withdraw_hint": "You wrote this. To take it back: practice withdraw {number}",
    # withdrawal
    "practices.withdraw_which": "Which note? For example: practice withdraw 12",
    "practices.withdraw_not_yours": (
        "Only the author of best practice #{number} or a coalition admin can withdraw it."
    ),
    "practices.not_withdrawable": "Best practice #{number} is already {status}.",
    "practices.withdrawn": "Withdrew best practice #{number}; it no longer shows in practices.",
    "practices.withdrawn_edited": "Its post in the shared channel on {platforms} will say so.",
    "practices.withdrawn_heading": "Best practice #{number} (withdrawn)",
    "practices.withdrawn_body": "Best practice #{number} was withdrawn by its author or an admin.",
    # moderation
    "practices.approve_which": "Which note? For example: approve 12",
    "practices.reject_which": "Which note, and why? For example: reject 12 duplicate of 9",
    "practices.reject_reason": (
        "Say why, so the author knows: reject <number> <reason>, "
        "for example reject 12 duplicate of 9"
    ),
    "practices.not_pending": "Best practice #{number} is not waiting for review: it is {status}.",
    "practices.approved": "Approved best practice #{number}.",
    "practices.rejected": "Rejected best practice #{number}; its author will be told why.",
    "practices.told_approved": (
        "Your best practice #{number} was approved and shared with the coalition."
    ),
    "practices.told_rejected": (
        "Your best practice #{number} was not approved for sharing. The reviewer said: {reason}"
    ),
    "practices.status_pending": "waiting for review",
    "practices.status_approved": "shared",
    "practices.status_rejected": "rejected",
    "practices.status_withdrawn": "withdrawn",
    # browsing
    "practices.list_heading": "Best practices, newest first",
    "practices.list_item": "#{number} · {preview} — {name}, {platform}, {date}",
    "practices.with_tags": "{line} · {tags}",
    "practices.search_byline": "({name}, {date})",
    "practices.list_heading_filtered": "Best practices: {filters}",
    "practices.page": "page {page}",
    "practices.list_footer": "Type practice {number} to read one in full.",
    "practices.none": "No best practices have been shared yet. Share one: practice <text>",
    "practices.none_filtered": "No shared best practice matches {filters}.",
    "practices.none_mine": "You have no shared best practice yet. Share one: practice <text>",
    "practices.pending_none": "No best practice is waiting for review.",
    "practices.page_empty": (
        "There is no page {page}: every note fits on the pages before it. "
        "Type {command} for the first page."
    ),
    "practices.search_not_in_filter": (
        "A shared best practice mentions {query}, but none that matches {filters}. "
        "Type practices search {words} to see every note that mentions it."
    ),
    "practices.browse_unknown": (
        "I can't read “{words}” as a filter. Try practices #pillar2 #3e, practices by Ana, "
        "practices mine, or practices search <words>."
    ),
    "practices.previous": "‹ Previous",
    "practices.next": "Next ›",
    # search
    "practices.search_missing": "What should I look for? For example: practices search training",
    "practices.search_none": "No shared best practice mentions {query}.",
    "practices.search_heading": "Best practices matching {query}",
    "practices.search_partial": "No note has every word; these have some of them.",
    "practices.search_corrected": "No note has “{typed}”; showing “{used}” instead.",
    # export
    "practices.export_format": "I can export as {formats}. For example: practices export csv",
    "practices.exported": "{count:plural:one=# best practice|other=# best practices} as {format}.",
    "practices.export_title": "Best practices",
    "practices.export_when": "Exported {date}",
    "practices.export_empty": "No notes.",
    # shared channel
    "practices.setup_unknown": "I can set up shared-channel, not “{what}”: setup shared-channel",
    "practices.setup_platform": "Only a Telegram group or a Slack channel can be a shared channel.",
    "practices.setup_direct": (
        "Run setup shared-channel in the group or channel that should receive the notes, "
        "not in a direct chat."
    ),
    "practices.setup_done": (
        "This chat is now the coalition's shared channel on {platform}: every shared best "
        "practice, from every platform, is posted here."
    ),
    "practices.setup_heading": "Shared channels",
    "practices.setup_line": "{platform}: {chat}",
    "practices.setup_none": (
        "No shared channel is set. Run setup shared-channel in the channel that should "
        "receive best practices."
    ),
    # asked in words (bot/practices/asked.py)
    "practices.withdraw_confirm": (
        "Withdraw best practice #{number}, “{title}”? It will no longer show in practices, "
        "and its post in a shared channel will say it was withdrawn."
    ),
    "practices.withdraw_button": "Withdraw #{number}",
    "practices.pending_admins_only": (
        "Only a coalition admin sees the notes waiting for review. Your own notes, with "
        "their status, are in practices mine."
    ),
    "practices.post_this": (
        "Shall I post this as your best practice? “{note}” Add tags such as #pillar2 or #3f "
        "first if you like: type practice, then the text with its tags."
    ),
    "practices.post_this_button": "Post it as a practice",
    "practices.form_button": "Open the form",
    "practices.tag_provision": "{label}: {text}",
}
