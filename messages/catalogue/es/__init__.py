"""Spanish translations of the core catalogue, one module per area."""
