"""The Code of Conduct as the bot serves it: the text word for word (``document``), references
to its provisions (``references``), search over its text (``search``) and the Strategy's four
pillars (``pillars``). Pure data and functions: no database, no platform."""
