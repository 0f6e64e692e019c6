"""Chinese sentences of the commands' summaries, keyed as the English ones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "command.help": "列出所有命令，或解释其中一个。",
    "command.paragraph": "显示《守则》的一项条款：段落、分项或序言。",
    "command.search": "搜索《守则》文本；用“引号”搜索短语。",
    "command.pillars": "《联合国全球反恐战略》的四大支柱。",
    "command.about": "《守则》是什么，于何时何地签署。",
    "command.review": "《战略》审查周期的进展；每次审查的历史。",
    "command.subscribe": ("在本聊天接收审查周期提醒（提前天数、时区、时间）。"),
    "command.unsubscribe": "停止本聊天的审查周期提醒。",
    "command.subscriptions": "本聊天接收哪些提醒，以及下一次提醒的时间。",
    "command.calendar": "可导入的审查周期日历文件（.ics）。",
    "command.milestone": "添加、确认、移动或删除审查周期的一个节点。",
    "command.practice": ("记录一项最佳做法（第一行可作标题；标签 #pillar2 #3e），或阅读一项。"),
    "command.practices": "浏览、筛选和搜索联盟的最佳做法。",
    "command.approve": "批准一项待审的最佳做法；随后将其分享。",
    "command.reject": "拒绝一项待审的最佳做法；并告知作者原因。",
    "command.setup": "将本频道设为转发最佳做法的共享频道。",
    "command.language": "选择我回答您所用的语言，或本聊天的默认语言。",
}
