"""Russian sentences of the core catalogue, one module per area, keyed as the English ones."""
