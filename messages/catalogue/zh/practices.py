"""Simplified Chinese sentences of the best-practice notes: recording, relay, review, export."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # recording
    "practices.missing": (
        "是什么做法？请写在命令后面，例如：practice 每季度与邻国开展联合边境演练 #pillar2 #3f"
    ),
    "practices.too_short": (
        "一条最佳做法至少需要{minimum}个字符；您的只有{length}个。请再多说明一些有效的做法。"
    ),
    "practices.needs_words": (
        "一条最佳做法需要文字说明：至少{minimum}个词，说明哪些做法有效（仅有数字和标签不构成条目）"
        "。例如：practice 每季度与邻国开展联合边境演练 #pillar2 #3f"
    ),
    "practices.only_title": (
        "这只是一个标题，下面没有内容。请在后面几行写明哪些做法有效，至少{minimum}个词。"
    ),
    "practices.too_long": (
        "一条最佳做法最多{limit:,}个字符；您的有{length:,}个。请缩短，或分成两个条目。"
    ),
    "practices.recorded": "已记录为最佳做法#{number}。",
    "practices.duplicate": "您刚才已将此内容记录为最佳做法#{number}；我只保留了一份。",
    "practices.tagged": "标签：{tags}。",
    "practices.tag_unknown": "{tag}不是《守则》的任何支柱或条文，因此不作为标签（保留在正文中）。",
    "practices.tag_no_pillar": (
        "{tag}：不存在支柱{number}；《战略》有四大支柱（#pillar1 至 #pillar4）。表示段落请写 "
        "#para{number}。"
    ),
    "practices.tag_too_wide": "{tag}指向多条条文；请只标注一条，例如 #pp2 或 #3e（保留在正文中）。",
    "practices.awaiting_review": "管理员审核后才会分享。",
    "practices.relaying": "正在发送到{platforms}上的共享频道。",
    "practices.no_shared_channel": (
        "尚未设置共享频道，因此不会转发；管理员可以在应接收条目的频道中运行 setup shared-channel。"
    ),
    "practices.recorded_footer": (
        "输入 practice {number} 阅读，或输入 practice withdraw {number} 撤回。"
    ),
    "practices.untitled": "最佳做法#{number}",
    "practices.attribution": "#{number}，{name}发布于{platform}，{date}",
    "practices.saved_from": "保存自{author}的一条消息：{link}",
    # reading
    "practices.no_such": "不存在最佳做法#{number}。",
    "practices.was_withdrawn": "最佳做法#{number}已撤回。",
    "practices.not_public": "最佳做法#{number}尚未分享。",
    "practices.status_line_pending": "等待管理员审核；尚未分享。",
    "practices.status_line_rejected": "未分享：管理员已拒绝（{reason}）。",
    "practices.withdraw_hint": "这是您写的。如需撤回：practice withdraw {number}",
    # withdrawal
    "practices.withdraw_which": "哪个条目？例如：practice withdraw 12",
    "practices.withdraw_not_yours": "只有最佳做法#{number}的作者或联盟管理员才能撤回。",
    "practices.not_withdrawable": "最佳做法#{number}已经{status}。",
    "practices.withdrawn": "已撤回最佳做法#{number}；它不会再出现在 practices 中。",
    "practices.withdrawn_edited": "它在{platforms}共享频道中的帖子将注明这一点。",
    "practices.withdrawn_heading": "最佳做法#{number}（已撤回）",
    "practices.withdrawn_body": "最佳做法#{number}已由作者或管理员撤回。",
    # moderation
    "practices.approve_which": "哪个条目？例如：approve 12",
    "practices.reject_which": "哪个条目？原因是什么？例如：reject 12 与9重复",
    "practices.reject_reason": (
        "请说明原因，以便作者了解：reject <编号> <原因>，例如 reject 12 与9重复"
    ),
    "practices.not_pending": "最佳做法#{number}不在等待审核状态：其状态为{status}。",
    "practices.approved": "已批准最佳做法#{number}。",
    "practices.rejected": "已拒绝最佳做法#{number}；将告知作者原因。",
    "practices.told_approved": "您的最佳做法#{number}已获批准，并已与联盟分享。",
    "practices.told_rejected": "您的最佳做法#{number}未获准分享。审核人的意见：{reason}",
    "practices.status_pending": "等待审核",
    "practices.status_approved": "已分享",
    "practices.status_rejected": "已拒绝",
    "practices.status_withdrawn": "已撤回",
    # browsing
    "practices.list_heading": "最佳做法（最新的在前）",
    "practices.list_item": "#{number} · {preview} — {name}，{platform}，{date}",
    "practices.with_tags": "{line} · {tags}",
    "practices.search_byline": "（{name}，{date}）",
    "practices.list_heading_filtered": "最佳做法：{filters}",
    "practices.page": "第{page}页",
    "practices.list_footer": "输入 practice {number} 阅读全文。",
    "practices.none": "尚未分享任何最佳做法。分享一条：practice <内容>",
    "practices.none_filtered": "没有与{filters}相符的已分享最佳做法。",
    "practices.none_mine": "您还没有已分享的最佳做法。分享一条：practice <内容>",
    "practices.pending_none": "没有等待审核的最佳做法。",
    "practices.page_empty": "没有第{page}页：所有条目都在前面几页中。输入 {command} 查看第一页。",
    "practices.search_not_in_filter": (
        "有已分享的最佳做法提到{query}，但没有一条与{filters}相符。输入 practices search {words} "
        "查看提到它的所有条目。"
    ),
    "practices.browse_unknown": (
        "我无法将“{words}”识别为筛选条件。请尝试 practices #pillar2 #3e、practices by Ana、"
        "practices mine 或 practices search <词语>。"
    ),
    "practices.previous": "‹ 上一页",
    "practices.next": "下一页 ›",
    # search
    "practices.search_missing": "要检索什么？例如：practices search 培训",
    "practices.search_none": "没有已分享的最佳做法提到{query}。",
    "practices.search_heading": "与{query}相符的最佳做法",
    "practices.search_partial": "没有条目包含所有词语；以下条目包含其中一部分。",
    "practices.search_corrected": "没有条目包含“{typed}”；改为显示“{used}”的结果。",
    # export
    "practices.export_format": "我可以导出为{formats}。例如：practices export csv",
    "practices.exported": "{count:plural:other=#条最佳做法}，格式为{format}。",
    "practices.export_title": "最佳做法",
    "practices.export_when": "导出于{date}",
    "practices.export_empty": "没有条目。",
    # shared channel
    "practices.setup_unknown": "我可以设置 shared-channel，不能设置“{what}”：setup shared-channel",
    "practices.setup_platform": "只有 Telegram 群组或 Slack 频道可以作为共享频道。",
    "practices.setup_direct": (
        "请在应接收条目的群组或频道中运行 setup shared-channel，不要在私聊中运行。"
    ),
    "practices.setup_done": (
        "本会话现为联盟在{platform}上的共享频道：来自所有平台的每一条已分享最佳做法都会发布在这里。"
    ),
    "practices.setup_heading": "共享频道",
    "practices.setup_line": "{platform}：{chat}",
    "practices.setup_none": (
        "尚未设置共享频道。请在应接收最佳做法的频道中运行 setup shared-channel。"
    ),
    # asked in words (bot/practices/asked.py)
    "practices.withdraw_confirm": (
        "撤回第 {number} 号最佳做法“{title}”吗？它将不再出现在 practices 中，"
        "其在共享频道中的帖子将注明已撤回。"
    ),
    "practices.withdraw_button": "撤回第 {number} 号",
    "practices.pending_admins_only": (
        "只有联盟管理员能看到等待审核的笔记。您自己的笔记及其状态见 practices mine。"
    ),
    "practices.post_this": (
        "要把这段话作为您的最佳做法发布吗？“{note}” 如愿意，可先加上 #pillar2 或 #3f 等标签："
        "输入 practice，再输入带标签的文本。"
    ),
    "practices.post_this_button": "作为做法发布",
    "practices.form_button": "打开表单",
    "practices.tag_provision": "{label}：{text}",
}
