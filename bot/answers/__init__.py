"""Answers to members' questions about the Code: the handlers of its commands (a provision,
a search, the pillars, what the Code is). Built on the Code's domain (``bot.code``: pure data
and functions, which knows no handler) and the core's Context, so neither of those two
imports the other."""
