"""Best-practice notes: recording, relaying to the shared channels, moderation, browsing,
search and export. ``cli`` stays importable without the database layer."""
