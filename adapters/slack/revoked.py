"""When the app is uninstalled from the workspace or its tokens are revoked: nothing more is
sent there (``SlackSender.revoked``), and the coalition admins on the other platforms are told
through the outbox, once a day (on Slack itself no message would reach them)."""

from __future__ import annotations

import logging

from bot.base.logs import ids as log_ids
from bot.core.dispatch import Core
from bot.outbox.notices import queue_for_admins
from messages.catalogue import say
from messages.model import Paragraph, Reply, text

log = logging.getLogger(__name__)

# Slack's event, as a sentence of the admins' language.
_REMOVED = {
    "app_uninstalled": "slack.removed_uninstalled",
    "tokens_revoked": "slack.removed_revoked",
}


async def tell_admins(core: Core, event: str, team: str) -> None:
    """Queues the notice for every admin not on Slack."""
    admins = [a.partition(":") for a in sorted(core.settings.admins)]
    elsewhere = [(p, uid) for p, _, uid in admins if p and p != "slack" and uid]
    if not elsewhere:
        log.error(
            "slack: %s in %s, and no admin on another platform to tell",
            event,
            team,
            extra=log_ids("slack"),
        )
        return
    now = core.clock.now()
    db = await core.database()
    async with db.session() as session:
        await queue_for_admins(  # each in the language of the admin's own chat
            session,
            elsewhere,
            lambda: Reply.of(
                Paragraph(
                    text(say(_REMOVED.get(event, "slack.removed_uninstalled"), team=team or "?"))
                )
            ),
            occurrence=f"slack-removed:{team}:{now.date().isoformat()}",
            now=now,
        )
        await session.commit()
    log.warning("slack: %s in %s; %d admins told", event, team, len(elsewhere))
