"""Faults on demand, for the fault tests and bench/faults_ops.py (shared here so the benchmarks
never import tests/):

- ``ThrowAwayCluster``: a PostgreSQL cluster of its own, initdb into a temporary folder as the
  ``postgres`` user, served on a free port of 127.0.0.1, stopped ("fast"), crashed
  ("immediate": no checkpoint, recovery on the next start), killed (SIGKILL to the server and
  its processes: a crash as the OOM killer or a power cut leaves it) and restarted at will, and
  removed at the end. The shared server on 5432 is never touched.
- ``PausableProxy``: a TCP proxy on 127.0.0.1 that can be frozen: while paused it forwards
  nothing in either direction and keeps every connection open, as a partition or a frozen
  peer looks from the client (no reset, no error, just silence).
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} (PostgreSQL server binaries) not found")
    return path


def available() -> bool:
    try:
        _bin("initdb")
        _bin("pg_ctl")
    except FileNotFoundError:
        return False
    return os.geteuid() != 0 or shutil.which("runuser") is not None


class ThrowAwayCluster:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="coalition-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.url = f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(
        self, *args: str, check: bool = True, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, check=check, timeout=60, input=stdin
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Runs ``sql`` (read from standard input, so it may be long) with psql; its output,
        unaligned, without headers (``a|b`` per row)."""
        return self._run(
            _bin("psql"),
            *("-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database),
            *("-At", "-v", "ON_ERROR_STOP=1"),
            stdin=sql,
        ).stdout

    def init(self) -> ThrowAwayCluster:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-N")
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.folder}'\nfsync = off\n"
                "shared_buffers = 16MB\nmax_connections = 60\n"
            )
        return self

    def start(self) -> None:
        log = self.folder / "server.log"
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(log), "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        """``fast``: a clean stop (sessions ended); ``immediate``: a crash, as far as the data
        and the clients can tell."""
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def kill(self) -> None:
        """A crash: SIGKILL to the server's main process and to each of its processes (they
        would otherwise linger until they notice), then waits until all are gone, so that the
        next ``start`` runs crash recovery."""
        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():
            return
        main = int(pid_file.read_text().split()[0])
        victims = [main, *_children(main)]
        for pid in victims:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in victims):
            if time.monotonic() > deadline:
                raise TimeoutError("the killed PostgreSQL processes did not go")
            time.sleep(0.02)
        # A killed process stays a zombie until its parent (here init) reaps it, and the
        # server would not start while its lock files name a process that still exists: drop
        # them, as after a machine's crash, where they name nobody.
        if Path(f"/proc/{main}").exists():
            pid_file.unlink(missing_ok=True)
            (self.folder / f".s.PGSQL.{self.port}.lock").unlink(missing_ok=True)

    async def akill(self) -> None:
        await asyncio.to_thread(self.kill)

    async def astart(self) -> None:
        await asyncio.to_thread(self.start)

    async def astop(self, mode: str = "fast") -> None:
        await asyncio.to_thread(self.stop, mode)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Still running (a zombie, dead but not yet reaped by its parent, is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}


def _children(parent: int) -> list[int]:
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                found.append(int(Path(stat).parent.name))
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PausableProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self._open = asyncio.Event()
        self._open.set()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self, port: int = 0) -> PausableProxy:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def pause(self) -> None:
        self._open.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self._writers.update({writer, up_writer})
        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pipe(src, dst))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            while data := await src.read(65536):
                await self._open.wait()  # frozen: hold the bytes, answer nothing
                dst.write(data)
                await dst.drain()
        dst.close()

    async def stop(self) -> None:
        """Closes everything: clients blocked behind the freeze see their connection end."""
        if self._server is not None:
            self._server.close()
        for w in self._writers:
            w.close()
        for t in list(self._tasks):
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
