"""Translations of this platform's sentences, one module per language."""
