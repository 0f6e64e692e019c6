"""The terminal, a platform of its own: ``adapter`` (piped lines, ``ask``, the console's
sender), ``repl`` (the interactive REPL on prompt_toolkit, imported only for a terminal) and
``files`` (where replies' files are written). One package like the other adapters, so the
import contract that keeps adapters apart covers all of it."""

from adapters.console import texts  # noqa: F401  (its sentences, in the catalogue)
