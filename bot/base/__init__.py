"""What every layer of the bot may use, and which itself imports nothing of the bot above it:
the settings and their kinds, time as a dependency (clock), logging with throttling and
clipping (logs), the database opened from the settings with its failures typed (database), and
the limits every HTTP listener keeps (http). Split out of the composition root (``bot.app``) so
that the features, the core and the adapters depend on this, never on the process assembly."""
