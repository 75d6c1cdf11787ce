"""A secret a command needs (the MAX bot's token, a school's key for the district server): the first line
of a file outside the inputs folder (whose copy goes into every package), or an environment variable.
It is returned, never shown: the problems name the file and the variable, not the secret."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, Problem
from .limits import read_regular


def secret(file: Path | None, variable: str, inputs: Path, option: str, what: str) -> str:
    """``what``: the secret's name in messages («токен бота MAX», «ключ доступа к серверу района»)."""
    if file is not None:
        if file.resolve().is_relative_to(inputs.resolve()):
            raise InputError([Problem("bad_option", option, f"файл, где {what}, лежит в папке входных данных",
                                      hint="Храните его вне папки inputs/ (её копия попадает в архив)")])  # fmt: skip
        try:
            found = read_regular(file, 1 << 16).decode("utf-8").strip().splitlines()[0].strip()
        except (OSError, IndexError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or "не читается или пуст"
            raise InputError([Problem("unreadable_file", str(file), f"файл, где {what}: {why}")]) from None
    else:
        found = os.environ.get(variable, "").strip()
    if not found:
        raise InputError([Problem("bad_option", variable, f"не задан {what}",
                                  hint=f"Задайте переменную окружения {variable} или укажите {option} ФАЙЛ")])  # fmt: skip
    return found
