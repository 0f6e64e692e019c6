"""What the bot says: the reply model, the English catalogue, one renderer per target."""
