"""Simplified Chinese sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "有一条消息无法送达",
    "outbox.dead_body": "发往{platform}会话{chat}的消息{id}（{purpose}）已放弃发送。",
    "outbox.dead_attempts": "已尝试{count:plural:other=#次}。",
    "outbox.dead_hours": "{count:plural:other=#小时}后仍然失败。",
    "outbox.dead_minutes": "{count:plural:other=#分钟}后仍然失败。",
    "outbox.why_gone": "平台表示该会话已对本机器人关闭：机器人被屏蔽或移除，或会话已不存在。",
    "outbox.why_blocked": "机器人在那里被屏蔽，或已被移出会话。",
    "outbox.why_not_found": "平台找不到该会话，或机器人不在其中。",
    "outbox.why_archived": "该会话已归档或关闭。",
    "outbox.why_refused": "平台已永久拒绝这条消息：重新发送也无济于事。",
    "outbox.why_cannot_edit": "平台无法用这条消息替换先前的消息。",
    "outbox.why_empty": "这条消息没有可发送的内容。",
    "outbox.why_revoked": "应用已从工作区移除，或其访问权限已被撤销。",
    "outbox.why_unavailable": "平台返回了错误。",
    "outbox.why_rate_limited": "平台一再要求机器人放慢发送速度。",
    "outbox.why_network": "无法连接到平台。",
    "outbox.why_credentials": "平台拒绝了机器人的凭据。",
    "outbox.why_stopped": "机器人与平台的连接已停止。",
    "outbox.why_timeout": "平台未能及时响应。",
    "outbox.why_failed": "由于机器人自身出错，发送失败；详情见日志。",
    "outbox.why_unreadable": "此版本的机器人无法读取所存储的消息。",
    "outbox.why_moved": "该会话已迁移到新地址。",
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
