"""The platform-neutral core of the coalition bot."""
