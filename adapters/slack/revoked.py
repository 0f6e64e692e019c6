"""When the app is uninstalled from the workspace or its tokens are revoked: nothing more is
sent there (``SlackSender.revoked``), and the coalition admins on the other platforms are told
through the outbox, once a day (on Slack itself no message would reach them)."""

from __future__ import annotations

import logging

from bot.base.logs import ids as log_ids
from bot.core.dispatch import Core
from bot.outbox.queue import ADMIN_NOTICE, enqueue
from messages.catalogue import say
from messages.model import Paragraph, Reply, text

log = logging.getLogger(__name__)


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
    notice = Reply.of(Paragraph(text(say("slack.removed", event=event, team=team or "?"))))
    now = core.clock.now()
    db = await core.database()
    async with db.session() as session:
        for platform, uid in elsewhere:
            await enqueue(
                session,
                purpose=ADMIN_NOTICE,
                platform=platform,
                chat_id=uid,
                occurrence=f"slack-removed:{team}:{now.date().isoformat()}",
                reply=notice,
                now=now,
            )
        await session.commit()
    log.warning("slack: %s in %s; %d admins told", event, team, len(elsewhere))
