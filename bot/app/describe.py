"""The settings in words, all from the one declaration (``bot.base.settings.SETTINGS``): the
README's table, ``config settings`` and what ``run --help`` says each platform needs."""

from __future__ import annotations

from bot.app.platforms import PLATFORMS
from bot.base.settings import SETTINGS, Setting

TABLE_START = (
    "<!-- settings table: `coalition-bot config settings --markdown`; a test checks it -->"
)
TABLE_END = "<!-- end of settings table -->"
ENV_EXAMPLE = "deploy/.env.example"


def ordered() -> list[Setting[object]]:
    """Every setting, the common ones first, then each platform's in the platform list's
    order: the same order whichever module happened to be imported first."""
    rank = {name: i for i, name in enumerate(PLATFORMS)}
    return sorted(SETTINGS.values(), key=lambda s: -1 if s.platform == "all" else rank[s.platform])


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _needs(s: Setting[object]) -> str:
    who = "all" if s.platform == "all" else PLATFORMS.display_name(s.platform)
    return who + (f", required {s.needed}" if s.needed else "")


def _wrap(text: str, indent: str = "  ") -> str:
    import textwrap

    return textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent + "  ")


def markdown_table() -> str:
    """One row per declared setting, in declaration order."""
    lines = [
        "| setting | for | default | allowed | meaning |",
        "|---|---|---|---|---|",
    ]
    for s in ordered():
        default = f"`{s.default_text()}`" if s.default_text() and not s.shown_default else ""
        default = default or _cell(s.shown_default)
        allowed = "secret; " + s.kind.allowed if s.secret else s.kind.allowed
        lines.append(
            f"| `{s.name}` | {_needs(s)} | {default} | {_cell(allowed)} | {_cell(s.help)} |"
        )
    return "\n".join(lines)


def env_example() -> str:
    """``deploy/.env.example``: every setting commented out, with what it does, what it
    allows and its default; uncomment and set what you need (a ``.env`` file, or systemd's
    ``EnvironmentFile``)."""
    out = [
        "# coalition-bot settings: `coalition-bot config settings --env-example` writes this",
        "# file from the declarations (a test keeps it current). Uncomment and set what you",
        "# need; as a .env file, or as /etc/coalition-bot/env for deploy/coalition-bot.service.",
        "# `coalition-bot config check --connect` tries them.",
    ]
    groups = [("all", "every command")] + [(p.name, p.display_name) for p in PLATFORMS.values()]
    for platform, title in groups:
        mine = [s for s in SETTINGS.values() if s.platform == platform]
        if not mine:
            continue
        out += ["", f"# ---- {title} ----"]
        for s in mine:
            out.append("")
            notes = [s.help, "allowed: " + ("secret; " if s.secret else "") + s.kind.allowed]
            if s.needed:
                notes.append(f"required {s.needed}")
            if s.shown_default:
                notes.append(f"default: {s.shown_default}")
            for note in notes:
                out.append(_wrap(note, indent="# "))
            value = "" if s.shown_default or s.secret else s.default_text()
            out.append(f"# {s.name}={value}")
    return "\n".join(out) + "\n"


def listing() -> str:
    """``config settings``: every setting as a short paragraph for the terminal."""
    out = []
    for s in ordered():
        head = s.name + (" (secret)" if s.secret else "")
        lines = [head, f"    {s.help}", f"    allowed: {s.kind.allowed}"]
        if s.default_text():
            lines.append(f"    default: {s.default_text()}")
        lines.append(f"    for: {_needs(s)}")
        out.append("\n".join(lines))
    return "\n\n".join(out)


def platform_needs() -> str:
    """``run --help``'s epilog: what each platform needs, and what else it reads."""
    parts = []
    for platform in PLATFORMS.values():
        mine = [s for s in SETTINGS.values() if s.platform == platform.name]
        if not mine:
            continue
        needed = "\n".join(f"  {s.name:<26} required {s.needed}" for s in mine if s.needed)
        optional = _wrap("optional: " + ", ".join(s.name for s in mine if not s.needed))
        parts.append(f"{platform.display_name}:\n{needed}\n{optional}")
    common = _wrap(
        "For every platform: "
        + ", ".join(s.name for s in SETTINGS.values() if s.platform == "all")
        + ".",
        indent="",
    )
    return (
        "run serves every platform whose bot token is set. Settings each platform needs:\n\n"
        + "\n\n".join(parts)
        + f"\n\n{common}\n"
        "`coalition-bot config settings` explains each one; `coalition-bot config check "
        "--connect` tries them."
    )
