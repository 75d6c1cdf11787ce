"""``make-report describe``: how each table of inputs/ is read — and, with ``--write``, that layout
saved as ``inputs/layout.toml`` for the user to check, edit and keep."""

from __future__ import annotations

from pathlib import Path

import click

from .helpers import echo
from .helpers import say as _say
from .run import CONTEXT, common, folder_option, format_option, guarded, print_json


@click.command(context_settings=CONTEXT)
@folder_option("--inputs", "Папка с входными файлами.")
@click.option(
    "--write", "write", is_flag=True,
    help="Сохранить описание в <папка входных данных>/layout.toml: дальше таблицы читаются строго по нему.",
)  # fmt: skip
@format_option
@common
def describe(inputs: Path, write: bool, output_format: str, quiet: bool, all_problems: bool, debug: bool) -> None:
    """Показывает, как программа читает каждую таблицу: лист, строку заголовков, что в каком
    столбце, где недели и что в их ячейках. С --write сохраняет это в inputs/layout.toml —
    файл можно поправить вручную (например, вписать, что в столбце, который программа не поняла),
    и дальше check, build и week читают таблицы строго по нему.

    Пример: make-report describe --write
    """
    from ..api import describe as describe_inputs
    from ..errors import InputError, Problem, SetupError
    from ..layout.words import describe_lines
    from ..load import LAYOUT

    def action() -> int | None:
        found = describe_inputs(inputs)
        if output_format == "json":
            from ..render.machine import describe_document

            if write:
                raise InputError([Problem("bad_option", "--format json", "с --write пишется файл, а не JSON",
                                          hint="Запустите describe --write отдельно")])  # fmt: skip
            print_json(describe_document(found))
            return 2 if found.problems or found.more else 0
        for layout in found.layouts:
            for line in describe_lines(layout):
                echo(line)
        if not found.layouts:
            echo("Ни одной таблицы прочитать не удалось — описывать нечего.")
        if write and found.layouts:
            target = inputs / LAYOUT
            if target.exists() or target.is_symlink():
                raise SetupError(f"{target} уже есть: описание не записано, чтобы не затереть его правки. "
                                 "Чтобы записать заново, удалите или переименуйте этот файл")  # fmt: skip
            _write(target, found.toml())
            _say(f"Записано: {target}. Таблицы читаются теперь по нему; поправьте, если что-то прочитано не так.")
        elif not quiet and found.layouts:
            _say("Сохранить это описание для правки: make-report describe --write")
        if found.problems or found.more:
            raise InputError(list(found.problems), found.more)

    guarded(debug, action, every_problem=all_problems, writes=False)


def _write(target: Path, text: str) -> None:
    """Whole or not at all: a temporary file beside it, then one rename."""
    import os
    import tempfile

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".layout-", suffix=".toml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
