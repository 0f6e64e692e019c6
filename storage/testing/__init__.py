"""Test equipment for storage (fault injection); not part of the installed wheel."""
