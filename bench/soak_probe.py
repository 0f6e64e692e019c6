"""``coalition-bot run`` under tracemalloc, for ``bench.soak --trace``: a thread writes a
snapshot every few seconds into a folder (0.snap, 1.snap, ...).

    python -m bench.soak_probe FOLDER SECONDS
"""

from __future__ import annotations

import sys
import threading
import time
import tracemalloc
from pathlib import Path


def dump(folder: Path, every: float) -> None:
    for i in range(1_000_000):
        time.sleep(every)
        tracemalloc.take_snapshot().dump(str(folder / f"{i}.snap"))


if __name__ == "__main__":
    folder, every = Path(sys.argv[1]), float(sys.argv[2])
    tracemalloc.start(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    threading.Thread(target=dump, args=(folder, every), daemon=True).start()
    from bot.app.cli import main

    sys.exit(main(["run"]))
