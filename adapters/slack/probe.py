"""``config check --connect`` for Slack: auth.test, said in a few words; a refusal is a
``ProbeFailed`` that says what was refused, never the token."""

from __future__ import annotations

from bot.base.settings import ProbeFailed, Settings


async def who_am_i(settings: Settings) -> str:
    from slack_sdk.errors import SlackApiError
    from slack_sdk.web.async_client import AsyncWebClient

    from adapters.slack.config import SlackConfig

    config = SlackConfig.from_env(settings.env)
    client = AsyncWebClient(token=config.bot_token, base_url=config.api_base_url)
    try:
        answer = await client.auth_test()
    except SlackApiError as e:
        raise ProbeFailed(f"auth.test at {config.api_base_url}: {e.response['error']}") from None
    mode = "Socket Mode" if config.socket_mode else "HTTP"
    return f"auth.test: {answer['user']} in {answer['team']} ({answer['user_id']}), {mode}"
