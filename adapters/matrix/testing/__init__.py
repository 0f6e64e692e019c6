"""Matrix's test equipment: a real Synapse (``synapse``: installed into its own venv in
``.cache/``, started on a free 127.0.0.1 port) and the tests' pytest fixtures on it
(``fixtures``), shared by tests/ and bench/; not in the wheel (pyproject's ``exclude``)."""
