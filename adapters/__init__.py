"""One module per platform: translate its events to ``Incoming``, render replies, send."""
