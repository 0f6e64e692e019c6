"""The bot's commands as declarations, one module per area, each exposing ``COMMANDS``: a
name, aliases, arguments, a summary, examples and a permission, pointing at a handler that
lives with its feature (``bot.answers.code``, ``bot.reminders.handlers``,
``bot.practices.handlers``). The process assembly (``bot.app.assembly.build_registry``) puts
them into one registry and hands it to the core."""
