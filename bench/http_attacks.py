"""The HTTP endpoints under attack, as issue 10 reproduced them, against ``coalition-bot run``
in a process of its own (so its open-file limit can be lowered without touching this one).

``flood``: Slack HTTP mode under ``ulimit -n NOFILE`` (soft and hard, so it cannot be raised);
``--connections`` idle connections are opened and held for ``--seconds``, while a signed slash
command is sent every second. Prints: commands answered, log written, whether the process
survived.

``webhook``: Telegram webhook mode; one update of ``--megabytes`` with the right secret token.
Prints: the HTTP status, the process's peak memory before and after (VmHWM), the longest log
line, and whether a normal update is still answered.

    .venv/bin/python -m bench.http_attacks flood
    .venv/bin/python -m bench.http_attacks webhook [--malformed]
    .venv/bin/python -m bench.http_attacks flood --code /path/to/older/checkout   # before

``--code`` runs the bot from another checkout (PYTHONPATH), to measure before a change.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from adapters.slack.testing.fake import BOT_TOKEN, SIGNING_SECRET, FakeSlack, sign, slash_command
from adapters.telegram.testing.fake import FakeTelegram, private_chat, user
from bot.testing.helpers import free_port, python_with_open_file_limit


def peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def start_bot(
    env: dict[str, str], code: str | None, nofile: int | None, folder: Path
) -> asyncio.subprocess.Process:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    clean.pop("DATABASE_URL", None)
    clean.update({"COALITION_DATA_DIR": str(folder / "data"), "LOG_LEVEL": "INFO"})
    clean.update({"COALITION_HEALTH_PORT": "off", "HOME": str(folder)})
    clean.update(env)
    if code:
        clean["PYTHONPATH"] = code

    python = python_with_open_file_limit(nofile, nofile) if nofile else [sys.executable]
    return await asyncio.create_subprocess_exec(
        *python,
        "-m",
        "bot.app.cli",
        "run",
        env=clean,
        cwd=folder,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=(folder / "bot.log").open("wb"),  # a file: a full pipe would stall the bot
    )


async def wait_port(port: int, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            _, w = await asyncio.open_connection("127.0.0.1", port)
            w.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise SystemExit(f"nothing listened on {port}")


async def stop_bot(process: asyncio.subprocess.Process, folder: Path) -> tuple[int | None, bytes]:
    """SIGTERM, then the exit status and everything the bot logged."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        code: int | None = await asyncio.wait_for(process.wait(), 60)
    except TimeoutError:
        process.kill()
        await process.wait()
        code = None
    return code, (folder / "bot.log").read_bytes()


async def flood(args: argparse.Namespace) -> None:
    fake = FakeSlack()
    await fake.start()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        process = await start_bot(
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_BASE_URL": fake.base_url,
                "SLACK_HTTP_PORT": str(port),
            },
            args.code,
            args.nofile,
            Path(tmp),
        )
        await wait_port(port)
        held: list[asyncio.StreamWriter] = []
        refused_at_connect = 0
        for _ in range(args.connections):
            try:
                _, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
                held.append(w)
            except (OSError, TimeoutError):
                refused_at_connect += 1
        asked = answered = 0
        started = time.monotonic()
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
            while time.monotonic() - started < args.seconds:
                asked += 1
                body = slash_command("about", response_url=fake.response_url(f"k{asked}"))
                headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
                try:
                    async with http.post(
                        f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers
                    ) as r:
                        answered += r.status == 200
                except Exception:
                    pass
                await asyncio.sleep(1)
        await asyncio.sleep(2)
        posted = len(fake.of("response_url"))
        alive = process.returncode is None
        for w in held:
            w.close()
        code, err = await stop_bot(process, Path(tmp))
    await fake.stop()
    log_lines = err.decode("utf-8", "replace").splitlines()
    print(f"flood: {args.connections} idle connections, ulimit -n {args.nofile}, {args.seconds} s")
    print(f"  connections the client could open: {len(held)} (failed {refused_at_connect})")
    print(f"  slash commands acknowledged {answered}/{asked}, answered at Slack {posted}/{asked}")
    print(f"  alive after the flood: {alive}; exit status at SIGTERM: {code}")
    print(
        f"  log: {len(err):,} bytes, {len(log_lines):,} lines, "
        f"{sum('Traceback' in line for line in log_lines)} tracebacks"
    )


async def webhook(args: argparse.Namespace) -> None:
    port = free_port()
    ana = user(1001, "Ana", username="ana")
    async with FakeTelegram(flood=None) as fake:
        with tempfile.TemporaryDirectory() as tmp:
            process = await start_bot(
                {
                    "TELEGRAM_BOT_TOKEN": fake.token,
                    "TELEGRAM_API_BASE_URL": fake.base_url,
                    "TELEGRAM_MODE": "webhook",
                    "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
                    "TELEGRAM_WEBHOOK_PORT": str(port),
                    "TELEGRAM_WEBHOOK_SECRET": "bench_secret",
                },
                args.code,
                None,
                Path(tmp),
            )
            await wait_port(port)
            await asyncio.sleep(1)
            before = peak_kb(process.pid or 0)
            message = {"message_id": 1, "from": ana, "chat": private_chat(ana), "date": 0}
            filler = "x" * (args.megabytes << 20)
            # --malformed: a body that is JSON but no update (PTB logged all of it at CRITICAL)
            huge: dict[str, object] = (
                {"update_id": 1, "message": filler}
                if args.malformed
                else {"update_id": 1, "message": {**message, "text": filler}}
            )
            headers = {
                "Content-Type": "application/json",
                "X-Telegram-Bot-Api-Secret-Token": "bench_secret",
            }
            url = f"http://127.0.0.1:{port}/telegram/hook"
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
                status: int | str
                try:
                    async with http.post(url, data=json.dumps(huge), headers=headers) as r:
                        status = r.status
                except TimeoutError:
                    status = "no answer within 60 s"
                await asyncio.sleep(2)
                after = peak_kb(process.pid or 0)
                ok = {"update_id": 2, "message": {**message, "text": "about"}}
                normal: int | str
                try:
                    async with http.post(url, data=json.dumps(ok), headers=headers) as r:
                        normal = r.status
                except TimeoutError:
                    normal = "no answer within 60 s"
            try:
                await fake.wait_for("sendMessage", chat_id=1001, timeout=15)
                answered = True
            except Exception:
                answered = False
            _, err = await stop_bot(process, Path(tmp))
    longest = max((len(line) for line in err.decode("utf-8", "replace").splitlines()), default=0)
    kind = "malformed update" if args.malformed else "update"
    print(f"webhook: one {args.megabytes} MB {kind} with the right secret")
    print(f"  status {status}; peak memory {before / 1024:.0f} MB -> {after / 1024:.0f} MB")
    print(f"  log: {len(err):,} bytes, longest line {longest:,} characters")
    print(f"  a normal update afterwards: status {normal}, answered {answered}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=["flood", "webhook"])
    parser.add_argument("--connections", type=int, default=1100)
    parser.add_argument("--nofile", type=int, default=1024)
    parser.add_argument("--seconds", type=float, default=35)
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--malformed", action="store_true", help="webhook: not an update")
    parser.add_argument("--code", help="run the bot from this checkout (PYTHONPATH)")
    args = parser.parse_args()
    asyncio.run(flood(args) if args.scenario == "flood" else webhook(args))


if __name__ == "__main__":
    main()
