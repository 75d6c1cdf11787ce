"""Every line the command prints is Russian, click's own included: usage, headings, defaults,
placeholders, its errors; and a mistyped command is named as such, with the one it resembles."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from reporting.cli import main

ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Error|default|Invalid|Missing|No such|Got unexpected|Try|Did you mean|required|"
    r"DIRECTORY|TEXT|INTEGER|FLOAT|PATH|FILE|OPTIONS|COMMAND|ARGS|RANGE|is not|does not)\b"
)


def printed(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    return result.output


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["verify"], ["init"], ["week"]])
def test_help_is_russian(command):
    text = printed(*command, "--help")
    assert "Использование:" in text and "Параметры:" in text
    assert not ENGLISH.search(text), ENGLISH.search(text)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--quarter", "7"], "Неверное значение '--quarter'"),
        (["--quarter", "два"], "'два' — не число"),
        (["build", "--nope"], "Нет параметра '--nope'"),
        (["verify"], "Не указан аргумент 'ПАКЕТ'"),
        (["verify", "a", "b"], "Лишний аргумент (b)"),
        (["--quarter"], "После '--quarter' нужно значение"),
        (["chek"], "нет команды «chek»; может быть, check?"),
        (
            ["report"],
            "нет команды «report»; команды: build, check, collect, describe, init, keys, serve, sign, verify, week",
        ),
    ],
)
def test_click_errors_are_russian(args, expected):
    text = printed(*args)
    assert expected in text and "Ошибка:" in text
    assert not ENGLISH.search(text), ENGLISH.search(text)
