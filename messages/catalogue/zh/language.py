"""Chinese sentences of the language command, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "language.heading": "语言",
    "language.current": "我用{name}回答您。",
    "language.current_auto": "我用{name}回答您，依据您所用平台的设置。",
    "language.chat_default": "本聊天的默认语言：{name}。",
    "language.option": "{name}（{code}）",
    "language.option_current": "{name}（{code}），使用中",
    "language.how": (
        "输入 language 加代码选择您的语言（language"
        " zh），输入 language chat 加代码设置本聊天"
        "的默认语言，或输入 language auto 恢复自动选择"
        "。"
    ),
    "language.set": "从现在起，我用{name}回答您。",
    "language.set_chat": (
        "本聊天的默认语言现为{name}：未选择语言的成员将以此语言"
        "获得回答，本聊天的提醒和转发也以此语言撰写。"
    ),
    "language.reset": "您的语言已恢复为自动选择：当前为{name}。",
    "language.reset_chat": "本聊天不再有默认语言。",
    "language.unknown": ("我不会说“{word}”。我会说：{codes}。"),
    "language.chat_not_allowed": "只有管理本聊天的人才能设置其语言。",
    "language.no_chat_here": ("控制台不是聊天；输入 language 加代码进行选择。"),
    "code.quoted_in_english": (
        "《行为守则》以英文引用，即有正式来源的文本；目前没有该语言的正式译本。"
    ),
    "code.official_source": "正式文本：{source}。",
}
