"""Simplified Chinese sentences of the Slack adapter and its app manifest."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "slack.file_failed": (
        "我无法在此对话中发布文件“{filename}”。请先将我添加到该频道，或通过私信向我提问。"
    ),
    "slack.app_description": "在聊天中查阅2018年《实现无恐怖主义世界行为守则》。",
    "slack.app_long_description": (
        "查阅和检索《实现无恐怖主义世界行为守则》（2018年9月28日，纽约），"
        "了解联合国全球反恐战略的四大支柱以及服务于各支柱的条文，接收《战略》审查周期的提醒，"
        "并与联盟的其他工作区和群组分享最佳做法条目。使用斜杠命令、"
        "在频道中提及本机器人或给它发私信；输入 help 查看所有命令。"
    ),
    "slack.command_description": "向联盟机器人提问：条文、检索、帮助",
    "slack.home_reminders": "您的提醒",
    "slack.home_practices": "最新最佳做法",
    "slack.home_subscribe": "在这里提醒我",
    "slack.home_change": "改为提前30天、7天和1天",
    "slack.home_stop": "停止我的提醒",
    "slack.home_read": "阅读#{number}",
    "slack.home_share": "分享最佳做法",
    "slack.home_none": "尚未分享任何最佳做法。",
    "slack.modal_title": "分享最佳做法",
    "slack.modal_submit": "分享",
    "slack.modal_close": "取消",
    "slack.modal_title_label": "标题（可选）",
    "slack.modal_text_label": "哪些做法有效",
    "slack.removed_uninstalled": (
        "联盟机器人已从 Slack 工作区{team}中卸载：它不会再向该工作区发送任何内容，包括提醒和转发。"
        "重新安装应用即可恢复。"
    ),
    "slack.removed_revoked": (
        "联盟机器人在 Slack 工作区{team}的令牌已被撤销：它不会再向该工作区发送任何内容，"
        "包括提醒和转发。重新安装应用即可恢复。"
    ),
    "slack.modal_text_hint": "做了什么、在哪里做的、取得了什么成果",
    "slack.modal_more_label": "如一个文本框不够，可在此续写（最多{limit:,}个字符）",
    "slack.modal_pillars_label": "《战略》支柱",
    "slack.modal_provisions_label": "《守则》条文",
    "slack.modal_pillar": "支柱{number}：{text}",
    "slack.modal_saved_from": "保存自一条消息：{link}",
    "slack.modal_title_too_long": "标题只能有一行，最多{limit}个字符。",
    "slack.modal_unavailable": "我现在无法打开表单。请改为输入 practice，后接您的条目。",
    "slack.shortcut_share": "分享最佳做法",
    "slack.shortcut_share_description": "记录一条最佳做法并与联盟分享",
    "slack.shortcut_save": "保存为最佳做法",
    "slack.shortcut_save_description": "将这条消息记录为最佳做法，附上消息链接和作者",
}
