"""The installed distribution holds the bot, not its test equipment: no fake platform, double,
fault tool or harness is in the wheel (they live in ``testing`` packages for tests/ and bench/)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]


def test_the_wheel_holds_no_test_equipment(tmp_path: Path) -> None:
    subprocess.run(
        [*PIP_WHEEL, "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    [wheel] = tmp_path.glob("coalition_bot-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/core/dispatch.py" in names and "adapters/matrix/platform.py" in names
    assert [n for n in names if "/testing/" in n or n.endswith(("fake.py", "faults.py"))] == []
