"""Sentences of the router over every source of knowledge (bot/answers) and of the facts
the features answer in words (the review cycle, the pillars, the Code's own facts)."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # the router (bot/answers/router.py)
    "answers.read_as": "Reading that as: “{question}”.",
    "answers.also": "Also from {source}",
    "answers.also_any": "Also from another source",
    "answers.source.code": "the Code",
    "answers.source.absent": "the Code",
    "answers.source.review": "the review cycle",
    "answers.source.pillars": "the pillars",
    "answers.source.about": "about the Code",
    "answers.source.subscriptions": "your reminders",
    "answers.source.practices": "the best practices",
    "answers.source.help": "help",
    "answers.source.smalltalk": "me",
    # the Code's source (bot/answers/code.py)
    "answers.code_silent": (
        "The Code does not say: none of its provisions speaks of {words}. It sets up no "
        "body, list or procedure beyond its own text."
    ),
    "answers.related": "Related provisions, the nearest the Code comes (not an answer):",
    "answers.also_related": "Also related, with some of those words:",
    "answers.not_in_named": "{label} does not mention “{words}”. Here is its text:",
    # the review cycle (bot/reminders/answers.py)
    "answers.review_all": "The reviews the bot holds, each with its source:",
    "answers.review_no_resolution": "The {review}'s resolution number is not in my sources.",
    "answers.review_no_cofacilitators": "Who co-facilitated the {review} is not in my sources.",
    "answers.review_unknown": "The {review} is not in my sources.",
    "answers.review_expected": ("The {review} is expected around {when}, not confirmed: {source}."),
    "answers.review_future_gap": (
        "Nothing else about the {review} (its dates, deadlines, co-facilitators or resolution) "
        "is in my sources yet."
    ),
    "answers.review_steps": "A review usually brings {steps} (the pattern of {source}).",
    "answers.review_step_unknown": "For the {review}, that is not in my sources.",
    "answers.review_reason": ("My sources say only that {reason}; why is not in my sources."),
    "answers.review_no_reason": "Why is not in my sources: they give no reason.",
    "answers.review_no_votes": (
        "How each state voted is not in my sources: they give only the count."
    ),
    # the pillars (bot/answers/facts.py)
    "answers.pillars_of": (
        "{label} serves {count:plural:one=Pillar|other=Pillars} {pillars:list}."
    ),
    "answers.pillars_of_none": "{label} is listed under no pillar.",
    "answers.pillars_reading": (
        "That mapping is the bot's reading, not part of the Code; type pillars 1 to 4 for "
        "each pillar's provisions."
    ),
    "answers.pillars_official": (
        "Whether any official text maps the Code's provisions to the pillars is not in my "
        "sources: the related provisions shown with each pillar are the bot's reading, not "
        "part of the Code. The pillars' wording is the Strategy's own (A/RES/60/288)."
    ),
    # about the Code (bot/answers/facts.py)
    "answers.about_which_states": (
        "Which states signed is not in my sources: they give counts, not a list of "
        "signatories. What they do say:"
    ),
    "answers.about_today": (
        "Today's number of signatories is not in my sources; the latest dated count is below."
    ),
    "answers.about_initiator": "Who initiated the Code is not in my sources. What they do say:",
}
