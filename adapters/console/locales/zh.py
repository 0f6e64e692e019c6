"""Simplified Chinese sentences of the terminal console."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "console.message": "[消息 {id}]",
    "console.message_edited": "[消息 {id}，已编辑]",
    "console.intro": (
        "联盟机器人。输入 help 查看命令；按 Tab 键可自动补全。\n按 Enter 发送。先按 Esc 再按 "
        "Enter（或按 Alt-Enter）另起一行；粘贴的一段文字作为一条消息。\n"
        "按 Ctrl-C 清除当前行或中止回答；按 "
        "Ctrl-D 或输入 quit 退出。"
    ),
    "console.saved": "已将{filename}（{size:,}字节）保存到{path}",
    "console.save_failed": "无法将{filename}保存到{folder}：{reason}。",
    "console.no_free_name": (
        "无法将{filename}保存到{folder}：{first}至{last}已存在。请移走其中一些文件，或用 --out "
        "选择其他文件夹。"
    ),
    "console.out_not_folder": "--out {folder}：没有这个文件夹。",
    "console.services_failed": "本次会话无法显示提醒和转发的条目：{reason}",
    "console.interrupted": "已停止。",
    "console.interrupt_again": "再按一次 Ctrl-C 退出，或输入 quit。",
}
