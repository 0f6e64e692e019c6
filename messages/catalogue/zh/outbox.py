"""Simplified Chinese sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "有一条消息无法送达",
    "outbox.dead_body": "发往{platform}会话{chat}的消息{id}（{purpose}）已放弃发送：{reason}",
    "outbox.dead_hint": (
        "`coalition-bot outbox list` 列出已放弃发送的消息；`coalition-bot outbox retry {id}` "
        "重新发送这一条。"
    ),
    "outbox.restore_usage": (
        "请给出备份文件（coalition-bot restore PATH），或对已含备份的数据库使用 --in-place。"
    ),
    "outbox.restore_no_file": "{path} 处没有备份文件。",
    "outbox.restore_not_a_backup": "{path} 不是本机器人可用的备份：{reason}。",
    "outbox.restore_no_pg_restore": (
        "此处未安装 pg_restore：请安装 PostgreSQL 客户端工具，或自行恢复转储后运行 coalition-bot "
        "restore --in-place。"
    ),
    "outbox.restore_pg_failed": "pg_restore 失败（退出状态 {code}）：{reason}",
    "outbox.restore_running": (
        "仍有机器人在使用此数据库：它还持有 {lease} 租约 {seconds:,} "
        "秒。请停止所有实例后重试（已停止的机器人或刚刚做的备份留下的租约会在一分钟内自行到期）。"
    ),
    "outbox.restore_copied": "已将 {source} 恢复到 {target}。",
    "outbox.restore_copied_kept": "已将 {source} 恢复到 {target}；被替换的数据库保留为 {kept}。",
    "outbox.restore_caught_up": "提醒补扫已进行到现在；备份之后到期并已排队的提醒：{count:,}。",
    "outbox.restore_held": (
        "已暂扣的消息：{count:,}。它们在备份中尚未发送且已到时间，"
        "备份所来自的机器人可能已在备份之后发送过。coalition-bot "
        "outbox held 列出它们；outbox release ID|--all "
        "发送它们（聊天中可能会看到重复的一条），outbox skip ID|--all 将其视为已发送。"
    ),
    "outbox.restore_nothing_held": "没有暂扣任何消息：备份中没有已到时间的消息。",
    "outbox.held_empty": "没有暂扣的消息。",
    "outbox.held_count": (
        "已暂扣的消息：{count:,}。恢复的备份所来自的机器人可能已发送过它们。outbox release "
        "ID|--all 发送，outbox skip ID|--all 视为已发送。"
    ),
    "outbox.held_usage": "请给出消息编号，或 --all（加 --platform NAME 仅限某一平台的消息）。",
    "outbox.held_not": "消息 {id} 的状态是 {status}，不是暂扣。",
    "outbox.held_released": "已放行的消息：{count:,}；每条将在其聊天允许时尽快发送。",
    "outbox.held_skipped": (
        "已视为已发送（跳过）的消息：{count:,}；outbox retry ID 仍可发送其中一条。"
    ),
}
