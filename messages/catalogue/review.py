"""Sentences of the review cycle: the cycle, subscriptions, reminders, the calendar, and the
milestone admin commands; also the outbox's notices to admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # a review by its number: "Ninth review" heads a line, "ninth review" is said in one
    "review.label": (
        "{number:ordinal:=1=First review|=2=Second review|=3=Third review|=4=Fourth review|"
        "=5=Fifth review|=6=Sixth review|=7=Seventh review|=8=Eighth review|=9=Ninth review|"
        "=10=Tenth review|=11=Eleventh review|=12=Twelfth review|=13=Thirteenth review|"
        "=14=Fourteenth review|=15=Fifteenth review|=16=Sixteenth review|=17=Seventeenth review|"
        "=18=Eighteenth review|=19=Nineteenth review|=20=Twentieth review|one=#st review|"
        "two=#nd review|few=#rd review|other=#th review}"
    ),
    "review.name": (
        "{number:ordinal:=1=first review|=2=second review|=3=third review|=4=fourth review|"
        "=5=fifth review|=6=sixth review|=7=seventh review|=8=eighth review|=9=ninth review|"
        "=10=tenth review|=11=eleventh review|=12=twelfth review|=13=thirteenth review|"
        "=14=fourteenth review|=15=fifteenth review|=16=sixteenth review|=17=seventeenth review|"
        "=18=eighteenth review|=19=nineteenth review|=20=twentieth review|one=#st review|"
        "two=#nd review|few=#rd review|other=#th review}"
    ),
    "review.label_adoption": "The Strategy adopted",
    # a gap between reviews, in years, as "every {every} years" says it ("two or three")
    "review.gap_years": (
        "{years:plural:=1=one|=2=two|=3=three|=4=four|=5=five|=6=six|one=#|other=#}"
    ),
    # the cycle
    "review.heading": "The Strategy's review cycle",
    "review.cadence": (
        "The UN General Assembly reviews the Global Counter-Terrorism Strategy every "
        "{every:list:or} "
        "years. The UN Office of Counter-Terrorism says “usually every two years”, and so it "
        "went from {start} to {end}; since then: {later:list}."
    ),
    "review.cadence_gap": "{year} ({gap} years after {after}: {why})",
    "review.cadence_no_reason": "the sources found give no reason",
    "review.cadence_since_none": "the same",
    "review.last": "Last review",
    "review.last_value": "{label}, adopted {date} ({resolution})",
    "review.no_resolution": "resolution number not found in the sources",
    "review.next": "Next review",
    "review.next_none": "not in the calendar yet",
    "review.next_value": "{title}, {when}",
    "review.days_to_go": "Days to go",
    "review.days_value": "{days}",
    "review.days_value_about": "about {days} (the date is not known to the day)",
    "review.days_today": "today",
    "review.upcoming": "Upcoming milestones",
    "review.upcoming_none": "No upcoming milestones are in the calendar.",
    "review.milestone_item": "#{id} {when} — {title}",
    "review.when_expected": "{when} (expected)",
    # a milestone's day with its time and time zone (UTC when none is named)
    "review.when_at": "{date}, {time} ({tz})",
    "review.when_at_utc": "{date}, {time} UTC",
    # a milestone's source when an admin gives none: who added or confirmed it
    "review.source_added_by": "added by {name}",
    "review.source_confirmed_by": "confirmed by {name}",
    "review.expected_note": (
        "“Expected” means no source gives the date yet: it assumes the usual two years after "
        "the last review."
    ),
    "review.status_footer": (
        "Type review history for every review, subscribe for reminders, calendar for an .ics file."
    ),
    "review.history_heading": "Every review of the Strategy so far",
    "review.history_item": "{label}: {date}, {resolution}{note}.",
    "review.history_source": "Source: {source}.",
    "review.history_footer": (
        "A review usually brings {steps}. (Pattern from {source}.) "
        "Sources: {strategy_source}, and as noted."
    ),
    "review.bad_sub": "I know review and review history. Try: review history",
    "review.source": "Source: {source}.",
    # reminders
    "review.reminder_heading": "Review-cycle reminder",
    "review.reminder_today": "Today: {title}, {when}.",
    "review.reminder_ahead": "In {ahead:plural:one=# day|other=# days}: {title}, {when}.",
    "review.reminder_tomorrow": "Tomorrow: {title}, {when}.",
    "review.reminder_month": "Coming up ({lead}): {title}, {when}.",
    "review.reminder_month_now": "This month: {title}, {when}.",
    "review.reminder_late": (
        "This reminder is late: it was due earlier ({lead}) while the bot was not running."
    ),
    "review.reminder_delivered_late": (
        "This reminder is late: it was due {when} ({lead}), but the chat platform could not "
        "take it until now."
    ),
    "review.reminder_expected_note": (
        "This date is expected, not confirmed: no source has scheduled it yet."
    ),
    "review.reminder_footer": (
        "Type subscriptions to see this chat's reminders, or unsubscribe to stop them."
    ),
    # lead times
    "review.lead_day_of": "on the day itself",
    "review.lead_one_day": "1 day before",
    "review.lead_days": "{days:plural:one=# day|other=# days} before",
    "review.lead_month_of": "as the month begins",
    "review.lead_months": "{months:plural:one=# month|other=# months} before",
    "review.lead_weeks": (
        "{weeks:plural:one=# week|other=# weeks} ({days:plural:one=# day|other=# days}) before"
    ),
    # subscribing
    "review.bad_tz": (
        "I don't know the time zone “{tz}”. Use a name such as Europe/Vienna, America/New_York "
        "or UTC."
    ),
    "review.tz_abbreviation": (
        "“{tz}” is an abbreviation, not a place: it names an offset that changes with summer "
        "time and means different places to different people. Use a place's zone, such as "
        "{zones}: subscribe tz {first}"
    ),
    "review.bad_time": "“{time}” is not a time of day; use 24-hour HH:MM, such as at 09:00.",
    "review.bad_lead": (
        "“{lead}” is not a lead time. Use days or weeks, such as 90d 30d 7d 1d or 2w; "
        "0d is the day itself."
    ),
    "review.lead_too_long": "A lead time of {lead} is too long: at most {limit} days.",
    "review.option_needs_value": "{option} needs a value, such as tz Europe/Vienna or at 09:00.",
    "review.too_many_leads": "At most {limit} lead times, please.",
    "review.subscribe_not_allowed": (
        "Only a coalition admin or an administrator of this chat can change its reminders."
    ),
    "review.subscribed": (
        "Subscribed. This chat will get a reminder for each milestone: {leads}, at {at} ({tz})."
    ),
    "review.resubscribed": (
        "Subscription updated. This chat will get a reminder for each milestone: {leads}, at {at} "
        "({tz})."
    ),
    "review.next_reminder": "Next reminder",
    "review.next_reminder_value": "{when} — {title}, {lead}",
    "review.no_next_reminder": "none: no upcoming milestone in the calendar",
    "review.passed_leads": (
        "{title}: too late for the reminders {leads}. Those moments have passed, so they "
        "will not come."
    ),
    "review.updated": "Subscription updated: {changed}. Unchanged: {kept}.",
    "review.updated_nothing": (
        "Subscription kept as it was: {leads}, at {at} ({tz}). Give lead times, tz or at to "
        "change one of them; the rest stays."
    ),
    "review.part_leads": "reminders {leads}",
    "review.part_at": "at {at}",
    "review.part_tz": "time zone {tz}",
    "review.unsubscribed": "Unsubscribed. This chat will get no more review-cycle reminders.",
    "review.unsubscribed_undo": (
        "Unsubscribed. This chat will get no more review-cycle reminders. Changed your mind? "
        "Press Undo to get them again as before."
    ),
    "review.change_what": (
        "Which part of the reminders should change? The lead times (for example “a week "
        "before and on the day itself”), the time of day (“at 10:00”) or the time zone "
        "(“Vienna time”, “America/New_York”); the rest stays as it is."
    ),
    "review.change_none": (
        "This chat has no reminders yet, so there is nothing to change. Subscribe with "
        "{what}? The rest takes the defaults."
    ),
    "review.change_none_button": "Subscribe",
    "review.undo_button": "Undo",
    "review.not_subscribed": (
        "This chat has no reminders. Type subscribe for the defaults (30, 7 and 1 day before "
        "each milestone and on the day, at 09:00 UTC), or for example: "
        "subscribe 90d 30d 7d tz Europe/Vienna at 08:30"
    ),
    "review.subs_heading": "Reminders for this chat",
    "review.subs_leads": "When",
    "review.subs_time": "At",
    "review.subs_time_value": "{time} ({tz})",
    "review.subs_status": "Status",
    "review.subs_active": "active since {since}",
    "review.subs_paused": ("paused since {since}: {reason}. Type subscribe to resume."),
    "review.subs_coming": "Coming up",
    # calendar
    "review.calendar_subscribe": (
        "Subscribe to the review cycle: {webcal} opens your calendar app, which then keeps "
        "the reviews and milestones current by itself."
    ),
    "review.calendar_subscribe_https": (
        "Google Calendar: Other calendars › From URL, and paste {url}. Outlook: Add calendar › "
        "Subscribe from web, with the same address."
    ),
    "review.calendar_body": (
        "The review cycle as a calendar file ({events:plural:one=# event|other=# events}: every "
        "review so far and the milestones in the calendar). Dates no source gives are marked "
        "expected."
    ),
    "review.ics_strategy_summary": (
        "Adoption of the UN Global Counter-Terrorism Strategy ({resolution})"
    ),
    "review.ics_expected": "Expected, not confirmed: no source gives this date yet.",
    "review.ics_expected_summary": "{title} (expected)",
    "review.cli_expected": "{title} (expected)",
    "review.ics_month": "Some time in {month}; the day is not known.",
    "review.ics_review_summary": (
        "{label} of the UN Global Counter-Terrorism Strategy ({resolution})"
    ),
    # milestone admin
    "review.milestone_usage": (
        "Try milestone add 2027-03-15 Call for submissions, milestone confirm 3, "
        "milestone move 3 2027-03-20, milestone remove 3, or milestone list."
    ),
    "review.milestone_bad_date": (
        "“{value}” is not a date. Use YYYY-MM-DD, such as 2027-03-15, or YYYY-MM for a month."
    ),
    "review.milestone_no_title": (
        "What is the milestone? For example: milestone add 2027-03-15 Call for submissions"
    ),
    "review.milestone_title_long": "That title is too long: at most {limit} characters.",
    "review.milestone_bad_number": (
        "“{value}” is not a milestone number; milestone list shows them."
    ),
    "review.milestone_missing": "There is no milestone #{id}; milestone list shows them.",
    "review.milestone_added": "Milestone #{id} added: {when} — {title}.",
    "review.milestone_confirmed": "Milestone #{id} confirmed: {when} — {title}.",
    "review.milestone_moved": "Milestone #{id} moved to {when} — {title}.",
    "review.milestone_removed": "Milestone #{id} removed: {title}.",
    "review.milestone_list_heading": "Milestones",
    "review.milestone_list_item": "#{id} {when} — {title} [{status}]",
    "review.milestone_list_none": "No milestones.",
    "review.milestone_told_none": "No subscribed chat to tell.",
    "review.milestone_told_no_news": "Nothing subscribers see has changed, so no chat is told.",
    "review.milestone_told": (
        "{count:plural:one=# subscribed chat|other=# subscribed chats} will be told."
    ),
    # what subscribed chats are told when the calendar changes
    "review.notice_heading": "Review-cycle calendar update",
    "review.notice_added": "New milestone: {title}, {when}.",
    "review.notice_moved": "{title} has moved from {old} to {when}.",
    "review.notice_confirmed": "{title} is confirmed for {when}.",
    "review.notice_removed": "{title} ({when}) has been removed from the calendar.",
    "review.notice_expected": (
        "The date is expected, not confirmed: no source has scheduled it yet."
    ),
    "review.notice_is_confirmed": "The date is confirmed.",
    "review.notice_follow": "This chat's reminders follow this date.",
    "review.notice_follow_new": "This chat's reminders follow the new date.",
    "review.notice_no_reminders": "This chat will get no reminders for it.",
    # the outbox's notices
    "review.gone_heading": "A chat stopped taking messages",
    "review.gone_body": "{platform} says chat {chat} will not take messages from the bot any more.",
    "review.gone_paused": (
        "Its reminder subscriptions were paused ({count:,}). Subscribing it again resumes them."
    ),
    # the command line
    "review.cli_bad_moment": "“{value}” is not an ISO 8601 moment, such as 2028-05-01T09:00Z",
    "review.cli_due_heading": "Reminders due from {start} to {end} (a dry run; nothing is sent):",
    "review.cli_already_queued": "  [already queued]",
    "review.cli_due_count": "{count:plural:one=# reminder|other=# reminders}.",
    "review.cli_scan_state": (
        "The due-scan has covered up to {until}; "
        "{skipped:plural:one=# reminder was|other=# reminders were} skipped so far "
        "(missed by more than the grace period)."
    ),
    "review.cli_outbox_empty": "No messages ({status}).",
    "review.cli_outbox_counts": (
        "{platform}: {pending:,} pending, {sending:,} sending, {sent:,} sent, {dead:,} dead, "
        "{skipped:,} skipped, {held:,} held"
    ),
    "review.cli_outbox_oldest": "; the oldest waiting for {age}",
    "review.cli_retry_usage": "Give a message id, or --all-dead.",
    "review.cli_retry_none": (
        "Message {id} is {status}, not dead or skipped, so there is nothing to retry."
    ),
    "review.cli_retry_no_such": "There is no message {id} in the outbox (see outbox list).",
    "review.cli_bad_hours": "“{value}” is not a number of hours of 0 or more, such as 24",
    "review.cli_bad_limit": "“{value}” is not a count of 1 or more, such as 50",
    "review.cli_retried": "{count:plural:one=# message|other=# messages} will be sent again.",
}
