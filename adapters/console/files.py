"""Files that replies carry (a calendar, an export), written where the console user stands.

Chat platforms upload an attachment; a terminal has nowhere to show one, so the console writes
it into a folder (the current one, or ``--out DIR``) and says the path. An existing file is
never replaced: the name gets ``-1``, ``-2``, ... before its extension instead, and each file
is created with exclusive creation (``open(..., "xb")``), so two consoles saving at once do
not overwrite each other either.
"""

from __future__ import annotations

import re
from pathlib import Path

from messages.catalogue import say
from messages.model import Attachment

MAX_SUFFIX = 999  # review-cycle-999.ics, then refuse: something is wrong with that folder
_UNSAFE = re.compile(r"[^\w.\- ]+")


def safe_name(filename: str) -> str:
    """The attachment's name reduced to one harmless file name (no folders, no dot-files)."""
    name = _UNSAFE.sub("_", Path(filename.replace("\\", "/")).name).strip(" .")
    return name or "attachment"


def candidates(filename: str) -> list[str]:
    """``name.ext``, then ``name-1.ext`` up to ``name-999.ext``."""
    path = Path(safe_name(filename))
    stem, suffix = path.stem, path.suffix
    return [path.name] + [f"{stem}-{n}{suffix}" for n in range(1, MAX_SUFFIX + 1)]


def save(attachment: Attachment, folder: Path, failures: list[str] | None = None) -> str:
    """Writes the file under a name not yet taken; the sentence that says where (or why not),
    also appended to ``failures`` when the file could not be written (``ask`` then exits 1)."""
    said, ok = _save(attachment, folder)
    if not ok and failures is not None:
        failures.append(said)
    return said


def _save(attachment: Attachment, folder: Path) -> tuple[str, bool]:
    names = candidates(attachment.filename)
    for name in names:
        path = folder / name
        try:
            f = path.open("xb")
        except FileExistsError:
            continue
        except OSError as e:
            return _failed(attachment, folder, e), False
        try:
            with f:
                f.write(attachment.content)
        except OSError as e:  # a disk full: no half-written file left behind
            path.unlink(missing_ok=True)
            return _failed(attachment, folder, e), False
        saved = say(
            "console.saved",
            filename=attachment.filename,
            size=len(attachment.content),
            path=str(path.resolve()),
        )
        return saved, True
    full = say(
        "console.no_free_name",
        filename=attachment.filename,
        folder=folder,
        first=names[0],
        last=names[-1],
    )
    return full, False


def _failed(attachment: Attachment, folder: Path, error: OSError) -> str:
    return say(
        "console.save_failed",
        filename=attachment.filename,
        folder=folder,
        reason=error.strerror or error.__class__.__name__,
    )
