"""A real Synapse for the Matrix tests: installed once into its own venv, started in a
throw-away folder on a free 127.0.0.1 port with SQLite, stopped at the end.

Synapse is test equipment, not a dependency of the bot: it lives in ``.cache/synapse-venv``
(gitignored), which ``python -m adapters.matrix.testing.synapse install`` (``.ci/run``) creates or
reuses. Everything optional is off (no federation listener, presence, metrics, URL previews,
key servers), so a start costs about a second and a half, most of it Synapse's imports; the
database schema is made once per installation and copied into each server's folder.

Registration is open only to whoever holds the server's ``registration_shared_secret``
(Synapse's admin register API): the tests. Rate limits are generous unless a test asks for
others (``Synapse.start(config={"rc_message": ...})``), or lowers one user's own through the
admin API (``override_ratelimit``), which needs no restart.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.testing.helpers import free_port

ROOT = Path(__file__).resolve().parents[3]
VENV = Path(os.environ.get("SYNAPSE_VENV", ROOT / ".cache" / "synapse-venv"))
SERVER_NAME = "localhost"
SHARED_SECRET = "only-the-tests-register-here"
PYTHON = VENV / "bin" / "python"


class SynapseUnavailable(RuntimeError):
    """Synapse is not installed and could not be (no network, no wheel for this Python)."""


def installed() -> bool:
    return PYTHON.exists() and (VENV / ".installed").exists()


def install(quiet: bool = True) -> Path:
    """Creates the venv and installs ``matrix-synapse`` into it, unless already there."""
    if installed():
        return PYTHON
    if not PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check"]
    result = subprocess.run(
        [*pip, *(["-q"] if quiet else []), "matrix-synapse"], capture_output=quiet, text=True
    )
    if result.returncode != 0:
        raise SynapseUnavailable(f"pip could not install matrix-synapse: {result.stderr[-500:]}")
    (VENV / ".installed").write_text("matrix-synapse\n")
    return PYTHON


def signing_key() -> str:
    """A fresh ed25519 signing key in Synapse's file format (version, key id, seed)."""
    seed = base64.b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    return f"ed25519 a_{secrets.token_hex(2)} {seed}\n"


GENEROUS = {"per_second": 1000, "burst_count": 1000}


def config(folder: Path, port: int, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The smallest configuration that serves the client API; ``overrides`` replaces keys
    (a key overridden with None is left out, so Synapse uses its own default)."""
    conf: dict[str, Any] = {
        "server_name": SERVER_NAME,
        "public_baseurl": f"http://127.0.0.1:{port}/",
        "pid_file": str(folder / "homeserver.pid"),
        "listeners": [
            {
                "port": port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {"name": "sqlite3", "args": {"database": str(folder / "homeserver.db")}},
        "log_config": str(folder / "log.yaml"),
        "media_store_path": str(folder / "media"),
        "signing_key_path": str(folder / "signing.key"),
        "registration_shared_secret": SHARED_SECRET,
        "enable_registration": False,
        "report_stats": False,
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "presence": {"enabled": False},
        "enable_metrics": False,
        "url_preview_enabled": False,
        "federation_domain_whitelist": [],
        "rc_message": GENEROUS,
        "rc_registration": GENEROUS,
        "rc_login": {"address": GENEROUS, "account": GENEROUS, "failed_attempts": GENEROUS},
        "rc_joins": {"local": GENEROUS, "remote": GENEROUS},
        "rc_joins_per_room": GENEROUS,
        "rc_invites": {"per_room": GENEROUS, "per_user": GENEROUS, "per_issuer": GENEROUS},
        "rc_admin_redaction": GENEROUS,
        "rc_room_creation": GENEROUS,
        "rc_presence": {"per_user": GENEROUS},
        "rc_delayed_event_mgmt": GENEROUS,
        "rc_reports": GENEROUS,
        "default_room_version": "10",
        "bcrypt_rounds": 4,  # registering a user costs milliseconds, not a quarter second
        "experimental_features": {},
    }
    for key, value in (overrides or {}).items():
        if value is None:
            conf.pop(key, None)
        else:
            conf[key] = value
    return conf


LOG_CONFIG = """version: 1
formatters:
  plain: {format: '%(asctime)s %(name)s %(levelname)s %(message)s'}
handlers:
  file: {class: logging.FileHandler, formatter: plain, filename: LOGFILE}
root: {level: WARNING, handlers: [file]}
disable_existing_loggers: false
"""


@dataclass
class Account:
    user_id: str
    access_token: str
    password: str
    device_id: str = ""


@dataclass
class Synapse:
    """One running homeserver; ``url`` is its client API's base address."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    started_in: float = 0.0
    accounts: dict[str, Account] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(
        cls, folder: Path, *, config_overrides: dict[str, Any] | None = None, timeout: float = 60
    ) -> Synapse:
        if not installed():
            raise SynapseUnavailable(f"Synapse is not installed in {VENV}")
        folder.mkdir(parents=True, exist_ok=True)
        port = free_port()
        (folder / "signing.key").write_text(signing_key())
        (folder / "log.yaml").write_text(
            LOG_CONFIG.replace("LOGFILE", str(folder / "homeserver.log"))
        )
        (folder / "homeserver.yaml").write_text(
            json.dumps(config(folder, port, config_overrides))  # JSON is YAML
        )
        template = VENV / "template.db"  # the schema, made once per installation
        if template.exists():
            shutil.copyfile(template, folder / "homeserver.db")
        server = cls(folder, port)
        began = time.monotonic()
        server.process = subprocess.Popen(
            [str(PYTHON), "-m", "synapse.app.homeserver", "-c", str(folder / "homeserver.yaml")],
            cwd=folder,
            stdout=(folder / "stdout.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            server.wait_ready(timeout)
        except BaseException:
            server.stop()
            raise
        server.started_in = time.monotonic() - began
        if not template.exists():
            server.snapshot(template)
        return server

    def snapshot(self, template: Path) -> None:
        """A copy of the freshly made database (schema, no users) for the next start."""
        import sqlite3

        source = sqlite3.connect(self.folder / "homeserver.db")
        try:
            target = sqlite3.connect(template.with_suffix(".tmp"))
            source.backup(target)
            target.close()
        finally:
            source.close()
        template.with_suffix(".tmp").replace(template)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                log = (self.folder / "stdout.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"Synapse exited with {self.process.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_matrix/client/versions", timeout=1):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        raise TimeoutError(f"Synapse did not answer within {timeout} s")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    # Client-server and admin API, synchronous (urllib): setting up and inspecting ----------

    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return dict(json.loads(response.read() or b"{}"))
        except urllib.error.HTTPError as e:
            raise MatrixError(e.code, json.loads(e.read() or b"{}")) from None

    def register(self, localpart: str, *, admin: bool = False, displayname: str = "") -> Account:
        """A user, through the shared-secret admin API (HMAC-SHA1 of nonce, name, password)."""
        nonce = self.request("GET", "/_synapse/admin/v1/register")["nonce"]
        password = secrets.token_urlsafe(12)
        digest = hmac.new(
            SHARED_SECRET.encode(),
            b"\x00".join(
                p.encode() for p in (nonce, localpart, password, "admin" if admin else "notadmin")
            ),
            hashlib.sha1,
        ).hexdigest()
        answer = self.request(
            "POST",
            "/_synapse/admin/v1/register",
            {
                "nonce": nonce,
                "username": localpart,
                "password": password,
                "admin": admin,
                "displayname": displayname or localpart.capitalize(),
                "mac": digest,
            },
        )
        account = Account(
            answer["user_id"], answer["access_token"], password, answer.get("device_id", "")
        )
        self.accounts[localpart] = account
        return account

    def limit_messages(self, user_id: str, per_second: int, burst: int) -> None:
        """This user's own message rate limit (the admin API), in place of the server's.

        It is rc_message itself, for one user: Synapse's ``RequestRatelimiter`` reads the
        override in place of rc_message's ``per_second`` and ``burst_count`` (the same
        limiter, the same M_LIMIT_EXCEEDED and retry_after_ms). So a test lowers rc_message
        for its bot without a second Synapse (rc_message in the config is read at start: a
        server of its own, a second and a half and its own accounts) and without slowing
        the session's other tests, whose members and bots keep the generous limit."""
        admin = self.accounts["admin"].access_token
        self.request(
            "POST",
            f"/_synapse/admin/v1/users/{user_id}/override_ratelimit",
            {"messages_per_second": per_second, "burst_count": burst},
            token=admin,
        )

    def unlimit_messages(self, user_id: str) -> None:
        admin = self.accounts["admin"].access_token
        self.request(
            "DELETE", f"/_synapse/admin/v1/users/{user_id}/override_ratelimit", token=admin
        )


class MatrixError(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


@contextlib.contextmanager
def running(folder: Path, **kw: Any) -> Any:
    server = Synapse.start(folder, **kw)
    try:
        yield server
    finally:
        server.stop()


async def wait_until(predicate: Any, timeout: float = 10, every: float = 0.05) -> Any:
    """Polls ``predicate`` (a function, sync or async) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(every)


def main(argv: list[str]) -> int:
    if argv[:1] == ["install"]:
        try:
            print(install(quiet=False))
        except SynapseUnavailable as e:
            print(e, file=sys.stderr)
            return 1
        return 0
    if argv[:1] == ["time"]:  # how long a start takes here
        import tempfile

        with tempfile.TemporaryDirectory() as tmp, running(Path(tmp)) as server:
            print(f"Synapse answered after {server.started_in:.2f} s on {server.url}")
        return 0
    print("usage: python -m adapters.matrix.testing.synapse install|time", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
