"""Review-cycle reminders: the cycle as data, subscriptions, the due-scan that turns
milestones x subscriptions x lead times into outbox rows, the calendar, and the CLI.

The delivery itself belongs to ``bot.outbox.worker``; the timers to ``scheduler``. Nothing
here imports APScheduler, and the modules a chat command needs import the database layer lazily,
so ``coalition-bot ask`` stays fast.
"""
