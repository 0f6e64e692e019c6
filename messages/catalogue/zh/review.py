"""Simplified Chinese sentences of the review cycle: subscriptions, reminders, milestones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "review.label": "第{number}次审查",
    "review.name": "第{number}次审查",
    "review.label_adoption": "战略通过",
    "review.gap_years": "{years:plural:=2=两|=3=三|=4=四|=5=五|=6=六|other=#}",
    # the cycle
    "review.heading": "《战略》审查周期",
    "review.cadence": (
        "联合国大会每{every:list:or}年审查一次全球反恐战略。"
        "联合国反恐怖主义办公室称“usually every two "
        "years”（通常每两年一次），{start}年至{end}年间确实如此；此后：{later:list}。"
    ),
    "review.cadence_gap": "{year}年（距{after}年{gap}年：{why}）",
    "review.cadence_no_reason": "所查到的来源未说明原因",
    "review.cadence_since_none": "节奏相同",
    "review.last": "上一次审查",
    "review.last_value": "{label}，于{date}通过（{resolution}）",
    "review.no_resolution": "来源中未找到决议编号",
    "review.next": "下一次审查",
    "review.next_none": "尚未列入日历",
    "review.next_value": "{title}，{when}",
    "review.days_to_go": "剩余天数",
    "review.days_value": "{days}",
    "review.days_value_about": "约{days}天（具体日期尚不确定）",
    "review.days_today": "今天",
    "review.upcoming": "即将到来的里程碑",
    "review.upcoming_none": "日历中没有即将到来的里程碑。",
    "review.milestone_item": "#{id} {when} — {title}",
    "review.when_expected": "{when}（预计）",
    "review.when_at": "{date} {time}（{tz}）",
    "review.when_at_utc": "{date} {time} UTC",
    "review.source_added_by": "由{name}添加",
    "review.source_confirmed_by": "由{name}确认",
    "review.expected_note": "“预计”是指尚无来源给出日期：按照惯例假定为上一次审查的两年之后。",
    "review.status_footer": (
        "输入 review history 查看历次审查，输入 subscribe 订阅提醒，输入 calendar 获取 .ics 文件。"
    ),
    "review.history_heading": "《战略》迄今的历次审查",
    "review.history_item": "{label}：{date}，{resolution}{note}。",
    "review.history_source": "来源：{source}。",
    "review.history_footer": (
        "一次审查通常包括{steps}。（规律依据：{source}。）来源：{strategy_source}，"
        "以及文中注明的来源。"
    ),
    "review.bad_sub": "我可以处理 review 和 review history。请尝试：review history",
    "review.source": "来源：{source}。",
    # reminders
    "review.reminder_heading": "审查周期提醒",
    "review.reminder_today": "今天：{title}，{when}。",
    "review.reminder_ahead": "{ahead:plural:other=#天}后：{title}，{when}。",
    "review.reminder_tomorrow": "明天：{title}，{when}。",
    "review.reminder_month": "即将到来（{lead}）：{title}，{when}。",
    "review.reminder_month_now": "本月：{title}，{when}。",
    "review.reminder_late": "本提醒迟到了：它本应更早发出（{lead}），当时本机器人未在运行。",
    "review.reminder_delivered_late": (
        "本提醒迟到了：它本应于{when}发出（{lead}），但聊天平台直到现在才接收。"
    ),
    "review.reminder_expected_note": "该日期为预计日期，尚未确认：还没有来源排定这一日期。",
    "review.reminder_footer": "输入 subscriptions 查看本会话的提醒，或输入 unsubscribe 停止提醒。",
    # lead times
    "review.lead_day_of": "当天",
    "review.lead_one_day": "提前1天",
    "review.lead_days": "提前{days:plural:other=#天}",
    "review.lead_month_of": "当月月初",
    "review.lead_months": "提前{months:plural:other=#个月}",
    "review.lead_weeks": "提前{weeks:plural:other=#周}（{days:plural:other=#天}）",
    # subscribing
    "review.bad_tz": (
        "我不认识时区“{tz}”。请使用 Europe/Vienna、America/New_York 或 UTC 这样的名称。"
    ),
    "review.tz_abbreviation": (
        "“{tz}”是缩写，不是地点：它表示一个随夏令时变化的时差，而且对不同的人指代不同的地点。"
        "请使用某个地点的时区，例如{zones}：subscribe tz {first}"
    ),
    "review.bad_time": "“{time}”不是一天中的时间；请使用24小时制 HH:MM，例如 at 09:00。",
    "review.bad_lead": (
        "“{lead}”不是有效的提前时间。请使用天数或周数，例如 90d 30d 7d 1d 或 2w；0d 表示当天。"
    ),
    "review.lead_too_long": "提前{lead}太长：最多{limit}天。",
    "review.option_needs_value": "{option}需要一个值，例如 tz Europe/Vienna 或 at 09:00。",
    "review.too_many_leads": "提前时间最多{limit}个。",
    "review.subscribe_not_allowed": "只有联盟管理员或本会话的管理员才能更改本会话的提醒。",
    "review.subscribed": "已订阅。本会话将就每个里程碑收到提醒：{leads}，时间为{at}（{tz}）。",
    "review.resubscribed": (
        "订阅已更新。本会话将就每个里程碑收到提醒：{leads}，时间为{at}（{tz}）。"
    ),
    "review.next_reminder": "下一次提醒",
    "review.next_reminder_value": "{when} — {title}，{lead}",
    "review.no_next_reminder": "无：日历中没有即将到来的里程碑",
    "review.passed_leads": "{title}：已来不及发送提醒{leads}。这些时间点已过，因此不会再发送。",
    "review.updated": "订阅已更新：{changed}。未变：{kept}。",
    "review.updated_nothing": (
        "订阅保持不变：{leads}，时间为{at}（{tz}）。如需更改其中一项，请给出提前时间、tz 或 at；"
        "其余各项保持不变。"
    ),
    "review.part_leads": "提醒{leads}",
    "review.part_at": "时间为{at}",
    "review.part_tz": "时区{tz}",
    "review.unsubscribed_undo": (
        "已取消订阅。本会话将不再收到审查周期提醒。改变主意了？请按“撤销”，按原设置重新接收。"
    ),
    "review.change_what": (
        "要更改提醒的哪一项？提前时间（例如“提前一周和当天”）、时间（“10:00”）或时区"
        "（“维也纳时间”、“America/New_York”）；其余保持不变。"
    ),
    "review.change_none": (
        "此聊天尚无提醒，因此没有可更改的内容。要按 {what} 订阅吗？其余使用默认值。"
    ),
    "review.change_none_button": "订阅",
    "review.undo_button": "撤销",
    "review.unsubscribed": "已取消订阅。本会话将不再收到审查周期提醒。",
    "review.not_subscribed": (
        "本会话没有提醒。输入 subscribe 使用默认设置（每个里程碑前30天、7天和1天以及当天，时间为 "
        "09:00 UTC），或者例如：subscribe 90d 30d 7d tz Europe/Vienna at 08:30"
    ),
    "review.subs_heading": "本会话的提醒",
    "review.subs_leads": "提醒时间",
    "review.subs_time": "时刻",
    "review.subs_time_value": "{time}（{tz}）",
    "review.subs_status": "状态",
    "review.subs_active": "自{since}起生效",
    "review.subs_paused": "自{since}起暂停：{reason}。输入 subscribe 恢复。",
    "review.subs_coming": "即将到来",
    # calendar
    "review.calendar_subscribe": (
        "订阅审查周期：{webcal}会打开您的日历应用，之后日历会自动保持审查和里程碑信息为最新。"
    ),
    "review.calendar_subscribe_https": (
        "Google 日历：其他日历 › 通过网址添加，然后粘贴{url}。Outlook：添加日历 › 从 Web 订阅，"
        "使用同一地址。"
    ),
    "review.calendar_body": (
        "以日历文件形式提供的审查周期（{events:plural:other=#个事件}："
        "迄今的历次审查和日历中的里程碑）。没有来源给出的日期标为“预计”。"
    ),
    "review.ics_strategy_summary": "通过联合国全球反恐战略（{resolution}）",
    "review.ics_expected": "预计日期，尚未确认：还没有来源给出这一日期。",
    "review.ics_expected_summary": "{title}（预计）",
    "review.cli_expected": "{title}（预计）",
    "review.ics_month": "{month}内的某一天；具体日期不详。",
    "review.ics_review_summary": "联合国全球反恐战略{label}（{resolution}）",
    # milestone admin
    "review.milestone_usage": (
        "请尝试 milestone add 2027-03-15 征集意见、milestone confirm 3、milestone move 3 "
        "2027-03-20、milestone remove 3 或 milestone list。"
    ),
    "review.milestone_bad_date": (
        "“{value}”不是日期。请使用 YYYY-MM-DD，例如 2027-03-15；表示月份时使用 YYYY-MM。"
    ),
    "review.milestone_no_title": "里程碑是什么？例如：milestone add 2027-03-15 征集意见",
    "review.milestone_title_long": "标题太长：最多{limit}个字符。",
    "review.milestone_bad_number": "“{value}”不是里程碑编号；milestone list 会列出编号。",
    "review.milestone_missing": "不存在里程碑#{id}；milestone list 会列出所有里程碑。",
    "review.milestone_added": "已添加里程碑#{id}：{when} — {title}。",
    "review.milestone_confirmed": "已确认里程碑#{id}：{when} — {title}。",
    "review.milestone_moved": "里程碑#{id}已改至{when} — {title}。",
    "review.milestone_removed": "已删除里程碑#{id}：{title}。",
    "review.milestone_list_heading": "里程碑",
    "review.milestone_list_item": "#{id} {when} — {title} [{status}]",
    "review.milestone_list_none": "没有里程碑。",
    "review.milestone_told_none": "没有需要通知的已订阅会话。",
    "review.milestone_told_no_news": "订阅者看到的内容没有变化，因此不通知任何会话。",
    "review.milestone_told": "将通知{count:plural:other=#个已订阅会话}。",
    # what subscribed chats are told when the calendar changes
    "review.notice_heading": "审查周期日历更新",
    "review.notice_added": "新里程碑：{title}，{when}。",
    "review.notice_moved": "{title}已从{old}改至{when}。",
    "review.notice_confirmed": "{title}已确认于{when}举行。",
    "review.notice_removed": "{title}（{when}）已从日历中删除。",
    "review.notice_expected": "该日期为预计日期，尚未确认：还没有来源排定这一日期。",
    "review.notice_is_confirmed": "该日期已确认。",
    "review.notice_follow": "本会话的提醒按此日期发送。",
    "review.notice_follow_new": "本会话的提醒按新日期发送。",
    "review.notice_no_reminders": "本会话不会收到有关此事项的提醒。",
    # the outbox's notices
    "review.gone_heading": "某个会话已不再接收消息",
    "review.gone_body": "{platform}表示会话{chat}将不再接收本机器人的消息。",
    "review.gone_paused": "该会话的提醒订阅已暂停（{count:,}项）。重新订阅即可恢复。",
    # the command line
    "review.cli_bad_moment": "“{value}”不是 ISO 8601 时刻，例如 2028-05-01T09:00Z",
    "review.cli_due_heading": "{start}至{end}到期的提醒（演练；不发送任何内容）：",
    "review.cli_already_queued": "  [已在队列中]",
    "review.cli_due_count": "{count:plural:other=#条提醒}。",
    "review.cli_scan_state": (
        "到期扫描已覆盖至{until}；迄今已跳过{skipped:plural:other=#条提醒}（错过时间超过宽限期）。"
    ),
    "review.cli_outbox_empty": "没有消息（{status}）。",
    "review.cli_outbox_counts": (
        "{platform}：待发送{pending:,}，发送中{sending:,}，已发送{sent:,}，已放弃{dead:,}，"
        "已跳过{skipped:,}，已暂扣{held:,}"
    ),
    "review.cli_outbox_oldest": "；最早的一条已等待{age}",
    "review.cli_retry_usage": "请给出消息编号，或使用 --all-dead。",
    "review.cli_retry_none": "消息{id}的状态为{status}，既未放弃也未跳过，因此无需重试。",
    "review.cli_retry_no_such": "发件队列中没有消息{id}（见 outbox list）。",
    "review.cli_bad_hours": "“{value}”不是大于或等于0的小时数，例如 24",
    "review.cli_bad_limit": "“{value}”不是大于或等于1的数量，例如 50",
    "review.cli_retried": "将重新发送{count:plural:other=#条消息}。",
}
