"""The proactive messages of the review cycle, built from the catalogue."""

from __future__ import annotations

from datetime import datetime

from bot.outbox.notices import why_text
from bot.reminders.cycle import Milestone
from bot.reminders.timing import lead_text, local_text, milestone_lead_text, month_lead
from messages.catalogue import say, sentences
from messages.model import Block, Footer, Heading, Paragraph, Reply, bold, italic, text


def milestone_when(m: Milestone) -> str:
    """Its date, with "(expected)" when no source confirms it."""
    return say("review.when_expected", when=m.when) if m.expected else m.when


def reminder_reply(m: Milestone, lead: int, *, late: bool = False) -> Reply:
    when = milestone_when(m)
    shown_lead = milestone_lead_text(m, lead)
    if m.precision == "month":
        key = "review.reminder_month_now" if month_lead(lead) == 0 else "review.reminder_month"
    else:
        key = {0: "review.reminder_today", 1: "review.reminder_tomorrow"}.get(
            lead, "review.reminder_ahead"
        )
    body = say(key, title=m.title, when=when, ahead=lead, lead=shown_lead)
    blocks: list[Block] = [Heading(say("review.reminder_heading")), Paragraph(text(bold(body)))]
    if late:
        blocks.append(Paragraph(text(italic(say("review.reminder_late", lead=shown_lead)))))
    if m.expected:
        blocks.append(Paragraph(text(say("review.reminder_expected_note"))))
    if m.source:
        blocks.append(Footer(text(say("review.source", source=m.source))))
    blocks.append(Footer(text(say("review.reminder_footer"))))
    return Reply(tuple(blocks))


def delivered_late_blocks(lead: int, due: datetime, tz: str) -> tuple[Block, ...]:
    """The note a reminder queued on time carries when the platform takes it only much later
    (it was down or rate-limiting us): the worker adds it past the payload's ``late_after``."""
    note = say("review.reminder_delivered_late", when=local_text(due, tz), lead=lead_text(lead))
    return (Paragraph(text(italic(note))),)


def milestone_notice(change: str, m: Milestone, before: Milestone | None) -> Reply:
    """What a subscribed chat is told when an admin changes the calendar: what changed, the
    date with its status, and what happens to its reminders."""
    old = before.when if before is not None else m.when
    body = say(f"review.notice_{change}", title=m.title, when=m.when, old=old)
    blocks: list[Block] = [Heading(say("review.notice_heading")), Paragraph(text(bold(body)))]
    if change == "removed":
        blocks.append(Paragraph(text(say("review.notice_no_reminders"))))
    else:
        status = "review.notice_expected" if m.expected else "review.notice_is_confirmed"
        follow = "review.notice_follow_new" if change == "moved" else "review.notice_follow"
        blocks.append(Paragraph(text(sentences([say(status), say(follow)]))))
    if m.source and change != "removed":
        blocks.append(Footer(text(say("review.source", source=m.source))))
    return Reply(tuple(blocks))


def target_gone_notice(platform: str, chat_id: str, why: str, paused: int) -> Reply:
    """What the admins are told when a chat stopped taking messages, in the language being
    spoken; ``why`` is the platform's answer as a code (``bot.outbox.sender.WHY``)."""
    body = say("review.gone_body", platform=platform, chat=chat_id)
    return Reply.of(
        Heading(say("review.gone_heading")),
        Paragraph(text(sentences([body, why_text(why)]))),
        Paragraph(text(say("review.gone_paused", count=paused))),
    )
