"""Sentences of the core: input errors, the Code, search, pillars, help."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # input
    "input.empty": "I didn't catch anything there. Type help to see what I can do.",
    "input.too_long": (
        "That message is {length:,} characters long; I read at most {limit:,}. "
        "Send a shorter one, or split it."
    ),
    "input.unknown": "I don't know the command “{word}”.",
    "input.did_you_mean": "Did you mean {suggestions:list:or}?",
    "input.try_help": "Type help to see every command.",
    "input.search_hint": "To search the Code's text, type: search {words}",
    "input.not_allowed": "Only a coalition admin can run {command}.",
    "input.database_unavailable": (
        "That needs the bot's database, which cannot be opened right now, so I cannot answer "
        "it. The Code, search, pillars and help still work."
    ),
    "cli.console_without_database": (
        "coalition-bot: {reason}.\nThe Code, search, pillars and help work; subscriptions, "
        "reminders and notes need the database and will say so."
    ),
    "input.database_unavailable_why": "({reason})",
    "input.busy": (
        "I have too many requests at once to answer that right now. Please try again in a minute."
    ),
    "input.locked": (
        "The database is busy: another process is writing to it. Please try again in a moment."
    ),
    "input.internal_error": (
        "Something went wrong on my side while answering that (error {ref}). "
        "It has been logged; please try again in a moment."
    ),
    # free text (bot/core/intents.py)
    "intent.greeting": (
        "Hello! I am the coalition's bot for the Code of Conduct for the Achievement of a "
        "Terrorism-Free World (2018). Ask me in your own words: what does paragraph 3e say, "
        "pillar two, when is the next review, or what does the code say about foreign "
        "terrorist fighters. Type help for every command."
    ),
    "intent.thanks": "You're welcome. Ask again any time; help lists everything I can do.",
    "intent.other_language_searched": (
        "I quote the Code in English, the text with an official source here. I searched it "
        "for: {words}."
    ),
    "intent.other_language": (
        "I do not understand every question in other languages yet. Try: search financing of "
        "terrorism, paragraph 3e, pillars, review, or help for every command."
    ),
    "intent.not_understood": (
        "I didn't understand “{words}”. Ask me about the Code in other words, or type help "
        "to see every command."
    ),
    "intent.nothing_found": (
        "I found nothing on “{words}” in the Code or the coalition's best practices. "
        "Try other words, or type help to see every command."
    ),
    "intent.to_subscribe": (
        "To get reminders of the review cycle in this chat, type subscribe (30, 7 and 1 days "
        "before each milestone), or choose when: subscribe 90d 30d."
    ),
    "intent.to_unsubscribe": (
        "To stop this chat's reminders, type unsubscribe; subscriptions lists what it has."
    ),
    "intent.practices_heading": "From the coalition's best practices",
    "intent.practices_more": "Type practices search {words} for every matching note.",
    # references
    "ref.missing": "Which provision? For example: paragraph 3e, paragraph 5 or preamble 2.",
    "ref.too_long": "That reference is too long; I read at most {limit} characters.",
    "ref.unreadable": (
        "I can't read “{ref}” as a provision. {exists} Try 3, 3e, 3(e), 4a-c, preamble 2 or pp2."
    ),
    "ref.what_exists": (
        "The Code has a preamble of {preamble} paragraphs and operative paragraphs 1–{last}; "
        "those with lettered items are {lettered}."
    ),
    "ref.no_paragraph": (
        "There is no “{ref}”: the Code has paragraphs 1–{last} and a preamble of {preamble}."
    ),
    "ref.no_preamble": "There is no “{ref}”: the preamble has {count} paragraphs.",
    "ref.no_items": "{label} has no lettered items; paragraphs {lettered} have them.",
    "ref.no_item": "{label} has no item ({letter}): it has items {span}.",
    "ref.backwards": "The range “{ref}” runs backwards; try it the other way round.",
    "ref.range_across": "A range of items stays within one paragraph, as in 4a-c.",
    # document
    "doc.preamble_heading": "Preamble",
    "doc.preamble_range": "Preamble {span}",
    "doc.items_heading": "Paragraph {span}",
    # one provision by its label, as headings and lists name it
    "doc.label_preamble": "Preamble {number}",
    "doc.label_paragraph": "Paragraph {number}",
    "doc.label_item": "Paragraph {number}({letter})",
    "doc.lead_in": "Lead-in, from {label}:",
    "doc.cite": "— {title} ({year}), {refs}",
    "doc.cite_para": "para. {span}",
    "doc.cite_paras": "paras. {span}",
    "doc.cite_preamble": "preambular para. {span}",
    "doc.cite_preambles": "preambular paras. {span}",
    "doc.more_items": "{count:plural:one=# item|other=# items}",
    # search
    "search.missing": "What should I look for? For example: search financing",
    "search.none": "No provision mentions {query}.",
    "search.heading": "{count:plural:one=# provision matches|other=# provisions match} {query}",
    "search.partial": "No provision has every word; these have some of them.",
    "search.corrected": "No provision has “{typed}”; showing “{used}” instead.",
    "search.read_as": "“{typed}” is searched as {used}.",
    "search.closest": "No provision uses “{typed}”; the closest is {concept}, {where}.",
    "search.closest_unplaced": "No provision uses “{typed}”; the closest is {concept}.",
    "search.absent": "The Code does not mention “{typed}”.",
    "search.unquote": (
        "No provision has the phrase “{typed}”; without the quotes it is searched as "
        "the closest the Code has: {concept}."
    ),
    # The words searched for, as a heading shows them: in the language's quotation marks;
    # the alternatives of one thing (a term's wordings) as a choice, several things as a list.
    "search.query": "“{words}”",
    "search.query_any": "{items:list:or}",
    "search.query_all": "{items:list}",
    "search.page": "Page {page} of {pages}: results {first}–{last} of {total:,}.",
    "search.no_page": "There is no page {page} for {query}: the results end on page {pages}.",
    "search.next": "More results",
    "search.previous": "Previous results",
    # pillars
    "pillars.heading": "The four pillars of the UN Global Counter-Terrorism Strategy",
    "pillars.one_heading": "Pillar {number}",
    "pillars.footer": (
        "Paragraph 8(a) commits signatories to put into action all four pillars "
        "in an integrated and balanced manner. Type pillars 2 for one pillar."
    ),
    "pillars.related": "Related provisions (the bot's reading, not part of the Code):",
    "pillars.bad": "The Strategy has four pillars: try pillars 1, 2, 3 or 4.",
    "pillars.source": "Wording: {source}.",
    # about
    "about.heading": "About the Code",
    "about.body": (
        "The {title} was signed in {place} on {date}, at a high-level event during the "
        "73rd session of the UN General Assembly. Foreign ministers and high representatives "
        "of {first_count} nations signed it that day ({first_source})."
    ),
    "about.later_count": "By {date}, {number} states had signed it ({source}).",
    "about.nature": (
        "It is voluntary and non-legally binding (Paragraph 1), commits signatories to "
        "implement all four pillars of the UN Global Counter-Terrorism Strategy "
        "(Paragraph 8(a)) and establishes a coalition of partners striving towards a world "
        "free of terrorism by the Centenary of the United Nations (Paragraph 9)."
    ),
    "about.structure": "{preamble} preambular paragraphs and {paragraphs} operative paragraphs.",
    "about.footer": "Type paragraph 1 to start reading, or help for every command.",
    # help
    "help.heading": "Commands",
    "help.intro": "Write a command, with or without a leading /. For example: paragraph 3e",
    "help.footer": "Type help <command> for details, for example: help search",
    "help.command_heading": "{name}",
    "help.usage": "Usage",
    "help.aliases": "Also",
    "help.examples": "Examples",
    "help.who": "Who",
    "help.who_everyone": "everyone",
    "help.who_admin": "coalition admins",
    "help.unknown": "There is no command “{word}” to explain.",
}
