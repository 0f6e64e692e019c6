"""Files that replies carry, written by the console: never replacing a file, saying where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from adapters.console.files import MAX_SUFFIX, candidates, safe_name, save
from messages.model import Attachment

ICS = Attachment("review-cycle.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")


def test_saved_under_its_name_then_numbered(tmp_path: Path) -> None:
    assert save(ICS, tmp_path) == f"Saved review-cycle.ics (32 bytes) to {tmp_path / ICS.filename}"
    (tmp_path / "review-cycle-1.ics").write_text("someone else's")
    said = save(ICS, tmp_path)
    assert said.endswith(f"to {tmp_path / 'review-cycle-2.ics'}")
    assert (tmp_path / "review-cycle-1.ics").read_text() == "someone else's"
    assert (tmp_path / "review-cycle-2.ics").read_bytes() == ICS.content


def test_refuses_with_a_sentence_when_every_name_is_taken(tmp_path: Path) -> None:
    for name in candidates(ICS.filename):
        (tmp_path / name).write_text("taken")
    said = save(ICS, tmp_path)
    assert said == (
        f"Could not save review-cycle.ics in {tmp_path}: review-cycle.ics to "
        f"review-cycle-{MAX_SUFFIX}.ics already exist. Move some of them away, or choose "
        "another folder with --out."
    )
    assert all((tmp_path / n).read_text() == "taken" for n in candidates(ICS.filename))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_is_a_sentence(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        assert save(ICS, tmp_path) == (
            f"Could not save review-cycle.ics in {tmp_path}: Permission denied."
        )
    finally:
        tmp_path.chmod(0o700)


def test_a_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    said = save(ICS, gone)
    assert said == f"Could not save review-cycle.ics in {gone}: No such file or directory."


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("review-cycle.ics", "review-cycle.ics"),
        ("../../etc/passwd", "passwd"),
        ("..\\evil.csv", "evil.csv"),
        (".hidden", "hidden"),
        ("a/b:c*?.md", "b_c_.md"),
        ("..", "attachment"),
    ],
)
def test_names_stay_inside_the_folder(given: str, expected: str) -> None:
    assert safe_name(given) == expected
