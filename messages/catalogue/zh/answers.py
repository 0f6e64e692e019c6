"""Simplified Chinese sentences of the router over every source of knowledge and of the facts
the features answer in words."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "answers.read_as": "我将其理解为：“{question}”。",
    "answers.also": "另见：{source}",
    "answers.also_any": "另见其他来源",
    "answers.source.code": "《守则》",
    "answers.source.absent": "《守则》",
    "answers.source.review": "审查周期",
    "answers.source.pillars": "支柱",
    "answers.source.about": "关于《守则》",
    "answers.source.subscriptions": "您的提醒",
    "answers.source.practices": "最佳做法",
    "answers.source.help": "帮助",
    "answers.source.smalltalk": "本机器人",
    "answers.code_silent": (
        "《守则》没有提及：其中没有任何条款涉及{words}。除其自身文本外，《守则》未设立任何机构、"
        "名单或程序。"
    ),
    "answers.related": "相关条款，即《守则》中最接近的内容（并非答案）：",
    "answers.also_related": "另有包含其中部分词语的相关条款：",
    "answers.not_in_named": "{label}未提及“{words}”。以下是其文本：",
    "answers.review_all": "本机器人掌握的各次审查及其来源：",
    "answers.review_no_resolution": "我的资料来源中没有{review}的决议编号。",
    "answers.review_no_cofacilitators": "我的资料来源中没有{review}的共同协调人信息。",
    "answers.review_unknown": "我的资料来源中没有{review}的信息。",
    "answers.review_expected": "{review}预计在{when}前后举行，尚未确认：{source}。",
    "answers.review_future_gap": (
        "我的资料来源中暂无关于{review}的其他信息（日期、截止时间、共同协调人或决议）。"
    ),
    "answers.review_steps": "一次审查通常包括{steps}（依据{source}的惯例）。",
    "answers.review_step_unknown": "关于{review}，我的资料来源中没有这一信息。",
    "answers.review_reason": "我的资料来源只说明{reason}；原因并未提及。",
    "answers.review_no_reason": "我的资料来源中没有原因：其中未给出任何理由。",
    "answers.review_no_votes": "我的资料来源中没有各国的投票情况：其中只给出了票数。",
    "answers.pillars_of": ("{label}服务于{count:plural:other=支柱}{pillars:list}。"),
    "answers.pillars_of_none": "{label}未归入任何支柱。",
    "answers.pillars_reading": (
        "这种对应关系是本机器人的解读，并非《守则》的一部分；输入 pillars 1、2、3 或 4 "
        "查看每个支柱的相关条款。"
    ),
    "answers.pillars_official": (
        "我的资料来源中没有说明是否有官方文本将《守则》条款与各支柱相对应：每个支柱下显示的相关"
        "条款是本机器人的解读，并非《守则》的一部分。各支柱的措辞出自《战略》本身"
        "（A/RES/60/288）。"
    ),
    "answers.about_which_states": (
        "我的资料来源中没有签署国名单：其中只给出了数目。资料来源中的内容如下："
    ),
    "answers.about_today": "我的资料来源中没有目前的签署国数目；下面是最近一次注明日期的统计。",
    "answers.about_initiator": "我的资料来源中没有说明《守则》由谁发起。资料来源中的内容如下：",
}
