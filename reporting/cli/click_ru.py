"""click's own strings in Russian: usage lines, help headings, and its error messages.

click marks every string it prints with gettext (``_()`` and ``ngettext()``, imported into each
of its modules); ``install`` points those names at this catalogue, so «Usage:», «Options»,
«[default: inputs]», «No such option», «Invalid value for '--quarter'» reach a school's clerk in
Russian. A string missing here stays as click has it (a newer click may add some);
``tests/test_cli_russian.py`` runs the commands and looks for English in what they print.
"""

from __future__ import annotations

from ..words import plural_form

MESSAGES = {
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Commands": "Команды",
    "Positional arguments": "Аргументы",
    "default: {default}": "по умолчанию: {default}",
    "env var: {var}": "переменная окружения: {var}",
    "required": "обязательно",
    "deprecated": "устарело",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "Error: {message}": "Ошибка: {message}",
    "Try '{command} {option}' for help.": "Справка: {command} {option}",
    "No such option {name!r}.": "Нет параметра {name!r}.",
    "No such command {name!r}.": "Нет команды {name!r}.",
    "Missing command.": "Не указана команда.",
    "Missing argument": "Не указан аргумент",
    "Missing option": "Не указан параметр",
    "Missing parameter": "Не указан параметр",
    "Missing {param_type}": "Не указан {param_type}",
    "Missing parameter: {param_name}": "Не указан параметр: {param_name}",
    "Invalid value for {param_hint}: {message}": "Неверное значение {param_hint}: {message}",
    "Invalid value: {message}": "Неверное значение: {message}",
    "Option {name!r} does not take a value.": "Параметр {name!r} пишется без значения.",
    "Argument {name!r} takes {nargs} values.": "Аргумент {name!r} принимает значений: {nargs}.",
    "{value!r} is not a valid {number_type}.": "{value!r} — не число.",
    "{value} is not in the range {range}.": "{value} вне допустимых значений {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} — не «да» или «нет»: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} не существует.",
    "{name} {filename!r} is a file.": "{name} {filename!r} — файл, а нужна папка.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} — папка, а нужен файл.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} не читается.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} недоступна для записи.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} не запускается.",
    "file": "Файл",
    "directory": "Папка",
    "path": "Путь",
    "Could not open file {filename!r}: {message}": "Не удалось открыть файл {filename!r}: {message}",
    "Aborted!": "Прервано.",
    "%(prog)s, version %(version)s": "%(prog)s, версия %(version)s",
    "Invalid start character for option ({option})": "Параметр начинается с недопустимого знака ({option})",
}
PLURALS = {
    "Got unexpected extra argument ({args})": (
        "Лишний аргумент ({args})", "Лишние аргументы ({args})", "Лишние аргументы ({args})"),
    "Option {name!r} requires an argument.": (
        "После {name!r} нужно значение.", "После {name!r} нужно {nargs} значения.",
        "После {name!r} нужно {nargs} значений."),
    "Did you mean {possibility}?": ("Может быть, {possibility}?",) * 3,
    "{value!r} is not {choice}.": ("{value!r} — не {choice}.", "{value!r} — не из {choices}.",
                                   "{value!r} — не из {choices}."),
    "Takes {nargs} values but 1 was given.": ("Нужно значений: {nargs}, а дано {len}.",) * 3,
    "{len_type} values are required, but {len_value} was given.": (
        "Нужно значений: {len_type}, а дано {len_value}.",) * 3,
}  # fmt: skip
MODULES = ("core", "exceptions", "formatting", "parser", "types", "decorators", "termui", "utils")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    forms = PLURALS.get(singular)
    if forms is None:
        return singular if count == 1 else plural
    return forms[plural_form(count)]


def install() -> None:
    """Point click's gettext names at this catalogue (idempotent), and wrap help text at spaces
    only: «--token-file» or «platform-api2.max.ru» broken at its hyphen is copied broken."""
    import importlib

    import click._textwrap

    base = click._textwrap.TextWrapper
    if not getattr(base, "whole_words", False):

        class WholeWords(base):
            whole_words = True

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **{**kwargs, "break_on_hyphens": False, "break_long_words": False})

        click._textwrap.TextWrapper = WholeWords

    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
