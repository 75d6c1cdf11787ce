"""``reading.txt``: the reading report — how the files were read, every assumption in a line."""

from __future__ import annotations

HEAD = "Как программа прочитала входные файлы: строки заголовков, пропущенные строки, неиспользуемые листы и столбцы, значения по умолчанию."


def reading_lines(notes) -> list[str]:
    return [note.describe() for note in notes]


def render_reading(notes) -> bytes:
    lines = [HEAD, "", *(f"• {line}" for line in reading_lines(notes))]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")  # CRLF: Notepad on Windows shows the lines
