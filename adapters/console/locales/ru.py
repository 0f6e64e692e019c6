"""Russian sentences of the terminal console, keyed as adapters/console/texts.py."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "console.message": "[сообщение {id}]",
    "console.message_edited": "[сообщение {id}, изменено]",
    "console.intro": (
        "Бот коалиции. Введите help, чтобы увидеть команды; клавиша Tab дополняет их.\n"
        "Enter отправляет сообщение. Esc, затем Enter (или Alt-Enter) начинает новую строку; "
        "вставленный фрагмент — одно сообщение.\n"
        "Ctrl-C очищает строку или прерывает ответ; Ctrl-D или quit — выход."
    ),
    "console.saved": (
        "Файл {filename} ({size:plural:one=# байт|few=# байта|many=# байт|other=# байта}) "
        "сохранён: {path}"
    ),
    "console.save_failed": "Не удалось сохранить {filename} в {folder}: {reason}.",
    "console.no_free_name": (
        "Не удалось сохранить {filename} в {folder}: файлы с {first} по {last} уже существуют. "
        "Перенесите часть из них или выберите другую папку с помощью --out."
    ),
    "console.out_not_folder": "--out {folder}: такой папки нет.",
    "console.services_failed": (
        "Напоминания и пересланные записи в этом сеансе показать нельзя: {reason}"
    ),
    "console.interrupted": "Остановлено.",
    "console.interrupt_again": "Нажмите Ctrl-C ещё раз, чтобы выйти, или введите quit.",
}
