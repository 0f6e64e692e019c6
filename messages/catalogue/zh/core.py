"""Simplified Chinese sentences of the core: input errors, the Code, search, pillars, help."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # input
    "input.empty": "我没有收到任何内容。输入 help 查看我能做什么。",
    "input.too_long": (
        "这条消息有{length:,}个字符；我最多读取{limit:,}个。请发送较短的消息，或分成几条发送。"
    ),
    "input.unknown": "我不认识命令“{word}”。",
    "input.did_you_mean": "您是想输入{suggestions:list:or}吗？",
    "input.try_help": "输入 help 查看所有命令。",
    "input.search_hint": "要检索《守则》的案文，请输入：search {words}",
    "input.not_allowed": "只有联盟管理员才能运行{command}。",
    "input.database_unavailable": (
        "此项操作需要使用本机器人的数据库，但数据库目前无法打开，因此我无法回答。《守则》查阅、"
        "检索、支柱和帮助功能仍可使用。"
    ),
    "cli.console_without_database": (
        "coalition-bot: {reason}。\n《守则》查阅、检索、支柱和帮助功能可以使用；订阅、"
        "提醒和条目需要数据库，届时会予以说明。"
    ),
    "input.database_unavailable_why": "（{reason}）",
    "input.busy": "我同时收到的请求太多，现在无法回答。请一分钟后再试。",
    "input.locked": "数据库正忙：另一个进程正在写入。请稍后再试。",
    "input.internal_error": "我在回答时出现了内部错误（错误{ref}）。错误已记录；请稍后再试。",
    # free text (bot/core/intents.py)
    "intent.greeting": (
        "您好！我是联盟关于《实现无恐怖主义世界行为守则》（2018年）的机器人。您可以用自己的话提问："
        "第3(e)段说了什么、第二支柱、下一次审查是什么时候，或者《守则》关于外国恐怖主义战斗人员有何"
        "规定。输入 help 查看所有命令。"
    ),
    "intent.thanks": "不客气。欢迎随时提问；help 列出我能做的一切。",
    "intent.other_language_searched": (
        "我以英文引用《守则》，这是此处唯一有正式来源的文本。我在其中搜索了：{words}。"
    ),
    "intent.other_language": (
        "我目前还不能理解所有其他语言的问题。"
        "请试试： search financing of terrorism 、 paragraph 3e 、 pillars 、 "
        "review ，或输入 help 查看所有命令。"
    ),
    "intent.not_understood": (
        "我没有理解“{words}”。请换一种说法询问《守则》，或输入 help 查看所有命令。"
    ),
    "intent.nothing_found": (
        "我在《守则》和联盟的最佳做法中都没有找到关于“{words}”的内容。请换用其他词语，或输入 help "
        "查看所有命令。"
    ),
    "intent.to_subscribe": (
        "要在本会话中接收审查周期提醒，请输入 subscribe（在每个节点前30天、7天和1天提醒），"
        "或自选时间：subscribe 90d 30d。"
    ),
    "intent.to_unsubscribe": (
        "要停止本会话的提醒，请输入 unsubscribe；subscriptions 列出本会话已有的订阅。"
    ),
    "intent.practices_heading": "联盟最佳做法中的相关内容",
    "intent.practices_more": "输入 practices search {words} 查看所有相符的条目。",
    # references
    "ref.missing": "哪一条？例如：paragraph 3e、paragraph 5 或 preamble 2。",
    "ref.too_long": "该引用太长；我最多读取{limit}个字符。",
    "ref.unreadable": (
        "我无法将“{ref}”识别为一条条文。{exists}请尝试 3、3e、3(e)、4a-c、preamble 2 或 pp2。"
    ),
    "ref.what_exists": (
        "《守则》有序言部分{preamble}段和执行部分第1至{last}段；含有字母分项的段落为{lettered}。"
    ),
    "ref.no_paragraph": "不存在“{ref}”：《守则》有第1至{last}段，序言部分有{preamble}段。",
    "ref.no_preamble": "不存在“{ref}”：序言部分有{count}段。",
    "ref.no_items": "{label}没有字母分项；第{lettered}段有字母分项。",
    "ref.no_item": "{label}没有({letter})项：其分项为{span}。",
    "ref.backwards": "范围“{ref}”的顺序颠倒了；请倒过来试一试。",
    "ref.range_across": "分项范围只能在同一段内，例如 4a-c。",
    # document
    "doc.preamble_heading": "序言",
    "doc.preamble_range": "序言部分第{span}段",
    "doc.items_heading": "第{span}段",
    "doc.label_preamble": "序言部分第{number}段",
    "doc.label_paragraph": "第{number}段",
    "doc.label_item": "第{number}段({letter})",
    "doc.lead_in": "起首部分，出自{label}：",
    "doc.cite": "— {title}（{year}年），{refs}",
    "doc.cite_para": "第{span}段",
    "doc.cite_paras": "第{span}段",
    "doc.cite_preamble": "序言部分第{span}段",
    "doc.cite_preambles": "序言部分第{span}段",
    "doc.more_items": "{count:plural:other=#个分项}",
    # search
    "search.missing": "要检索什么？例如：search financing",
    "search.none": "没有条文提到{query}。",
    "search.heading": "与{query}相符的条文共{count:plural:other=#条}",
    "search.partial": "没有条文包含所有词语；以下条文包含其中一部分。",
    "search.corrected": "没有条文包含“{typed}”；改为显示“{used}”的结果。",
    "search.read_as": "“{typed}”按{used}检索。",
    "search.closest": "没有条文使用“{typed}”；最接近的是{concept}，见{where}。",
    "search.closest_unplaced": "没有条文使用“{typed}”；最接近的是{concept}。",
    "search.absent": "《守则》没有提到“{typed}”。",
    "search.unquote": (
        "没有条文包含短语“{typed}”；去掉引号后，按《守则》中最接近的概念检索：{concept}。"
    ),
    "search.query": "“{words}”",
    "search.query_any": "{items:list:or}",
    "search.query_all": "{items:list}",
    "search.page": "第{page}页，共{pages}页：第{first}至{last}条结果，共{total:,}条。",
    "search.no_page": "{query}没有第{page}页：结果到第{pages}页为止。",
    "search.next": "更多结果",
    "search.previous": "上一页结果",
    # pillars
    "pillars.heading": "联合国全球反恐战略的四大支柱",
    "pillars.one_heading": "支柱{number}",
    "pillars.footer": (
        "第8(a)段要求签署方以综合、平衡的方式落实所有四大支柱。输入 pillars 2 查看单个支柱。"
    ),
    "pillars.related": "相关条文（本机器人的解读，不属于《守则》内容）：",
    "pillars.bad": "《战略》有四大支柱：请尝试 pillars 1、2、3 或 4。",
    "pillars.source": "措辞来源：{source}。",
    # about
    "about.heading": "关于《守则》",
    "about.body": (
        "《实现无恐怖主义世界行为守则》（{title}）于{date}在{place}签署，"
        "签署仪式是联合国大会第七十三届会议期间举行的一次高级别活动。当天，"
        "{first_count}个国家的外交部长和高级代表签署了该守则（{first_source}）。"
    ),
    "about.later_count": "截至{date}，已有{number}个国家签署（{source}）。",
    "about.nature": (
        "《守则》是自愿性的，不具法律约束力（第1段），要求签署方落实联合国全球反恐战略的所有四大支"
        "柱（第8(a)段），并建立一个伙伴联盟，致力于在联合国成立一百周年之前实现无恐怖主义的世界（第"
        "9段）。"
    ),
    "about.structure": "序言部分{preamble}段，执行部分{paragraphs}段。",
    "about.footer": "输入 paragraph 1 开始阅读，或输入 help 查看所有命令。",
    # help
    "help.heading": "命令",
    "help.intro": "输入命令，前面可加 / 也可不加。例如：paragraph 3e",
    "help.footer": "输入 help <命令> 查看详细说明，例如：help search",
    "help.command_heading": "{name}",
    "help.usage": "用法",
    "help.aliases": "别名",
    "help.examples": "示例",
    "help.who": "适用对象",
    "help.who_everyone": "所有人",
    "help.who_admin": "联盟管理员",
    "help.unknown": "没有可以解释的命令“{word}”。",
}
