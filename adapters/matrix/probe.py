"""``config check --connect`` for Matrix: who the homeserver says the access token is."""

from __future__ import annotations

from bot.base.settings import Settings


async def whoami(settings: Settings) -> str:
    from nio import AsyncClient, AsyncClientConfig, WhoamiResponse

    from adapters.matrix.config import MatrixConfig
    from adapters.matrix.logs import protect, redact

    config = MatrixConfig.from_settings(settings)
    protect(config.access_token, config.password)
    if not config.access_token:
        return f"{config.user_id} logs in with MATRIX_PASSWORD at the first run"
    # max_timeouts=0 as the adapter's own client has it: nio's default retries a refused or
    # silent homeserver forever, backing off to 12 s, so the check said "no answer within
    # 15 s" for a port nothing listens on, where Telegram and Slack say "connection refused".
    client = AsyncClient(
        config.homeserver, config.user_id, config=AsyncClientConfig(max_timeouts=0)
    )
    client.access_token = config.access_token
    try:
        answer = await client.whoami()
    finally:
        await client.close()
    if not isinstance(answer, WhoamiResponse):
        raise RuntimeError(
            f"{config.homeserver} refused MATRIX_ACCESS_TOKEN: {redact(str(answer))}"
        )
    if answer.user_id != config.user_id:
        raise RuntimeError(f"the access token is {answer.user_id}'s, not {config.user_id}'s")
    return f"{answer.user_id} on {config.homeserver}"
