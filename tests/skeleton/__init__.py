"""A platform that exists only in the tests: what a new adapter needs, and no more. This
folder and one entry in the platform list (``compose`` in the test) are all it takes."""
