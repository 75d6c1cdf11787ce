"""``make-report keys``: access keys for the district server (``serve --district``)."""

from __future__ import annotations

from pathlib import Path

import click

from .helpers import echo
from .run import CONTEXT, _help, common, folder_option, guarded


@click.group(context_settings=CONTEXT, subcommand_metavar="КОМАНДА [АРГУМЕНТЫ]...")
@_help
def keys() -> None:
    """Ключи доступа к серверу района: у каждой школы свой (видит только свою организацию),
    у района — общий (видит всё). Ключ показывается один раз, при создании; хранится только его хэш.

    Пример: make-report keys add "МАОУ «СОШ № 24»" --expires 31.08.2026
    """


@keys.command(context_settings=CONTEXT)
@click.argument("organization", metavar="ОРГАНИЗАЦИЯ", required=False)
@click.option("--district", "label", default=None, metavar="МЕТКА", is_flag=False, flag_value="район",
              help="Ключ района (видит все организации); МЕТКА — чей он, например «специалист Иванова».")  # fmt: skip
@click.option("--expires", default=None, metavar="ДД.ММ.ГГГГ", help="Последний день, когда ключ действует.")
@folder_option("--inputs", "Папка входных данных района (organizations.xlsx — список организаций).")
@folder_option("--outputs", "Папка архива района: в ней база сервера.")
@common
def add(organization: str | None, label: str | None, expires: str | None, inputs: Path, outputs: Path, quiet: bool,
        all_problems: bool, debug: bool) -> None:  # fmt: skip
    """Создаёт ключ для организации (как в organizations.xlsx) или, с --district, ключ района.
    Ключ печатается один раз, отдельной последней строкой."""

    def action() -> None:
        from ..district.keys import add_key
        from ..errors import InputError, Problem
        from .helpers import parse_date_option

        if (organization is None) == (label is None):
            raise InputError([Problem("bad_option", "ОРГАНИЗАЦИЯ", "укажите организацию или --district (одно из двух)",
                                      hint='Пример: make-report keys add "МАОУ «СОШ № 24»"')])  # fmt: skip
        day = parse_date_option("--expires", expires) if expires else None
        key_id, key, name = add_key(inputs, outputs, organization, label or "", day)
        whose = f"организации «{name}»" if name else f"района ({label})"
        until = f", действует по {day:%d.%m.%Y}" if day else ""
        echo(f"Ключ {key_id} {whose} создан{until}. Он показан один раз: сохраните его и передайте владельцу.")
        echo(key)

    guarded(debug, action, writes=False)


@keys.command(name="list", context_settings=CONTEXT)
@folder_option("--outputs", "Папка архива района: в ней база сервера.")
@common
def list_command(outputs: Path, quiet: bool, all_problems: bool, debug: bool) -> None:
    """Ключи по одному в строке: номер, метка, организация, создан, последнее использование, срок. Сам ключ
    не печатается никогда."""

    def action() -> None:
        from ..district.keys import list_keys

        rows = list_keys(outputs)
        if not rows:
            echo(f'Ключей пока нет (папка {outputs}). Создать: make-report keys add "организация"')
        for row in rows:
            state = f"отозван {row.revoked[:10]}" if row.revoked else f"действует по {row.expires or 'бессрочно'}"
            echo(f"{row.id}\t{row.label}\t{row.organization or 'район (все организации)'}\tсоздан {row.created[:10]}\t"
                 f"использован {row.last_used[:16] if row.last_used else 'ни разу'}\t{state}")  # fmt: skip

    guarded(debug, action, writes=False)


@keys.command(context_settings=CONTEXT)
@click.argument("key_id", metavar="ID", type=int)
@folder_option("--outputs", "Папка архива района: в ней база сервера.")
@common
def revoke(key_id: int, outputs: Path, quiet: bool, all_problems: bool, debug: bool) -> None:
    """Отзывает ключ по его номеру (make-report keys list): им больше нельзя войти."""

    def action() -> None:
        from ..district.keys import revoke_key

        revoke_key(outputs, key_id)
        echo(f"Ключ {key_id} отозван.")

    guarded(debug, action, writes=False)


@keys.command(context_settings=CONTEXT)
@click.argument("key_id", metavar="ID", type=int)
@click.option(
    "--address", required=True, metavar="АДРЕС", help="Адрес сервера района для школ, например https://otchet.rayon.ru."
)
@click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="ФАЙЛ",
              help="Файл, где записан сам ключ (первая строка); без него — переменная окружения MAKE_REPORT_KEY.")  # fmt: skip
@folder_option("--inputs", "Папка входных данных района (school.toml — наименование района).")
@folder_option("--outputs", "Папка архива района: в ней база сервера.")
@common
def sheet(key_id: int, address: str, key_file: Path | None, inputs: Path, outputs: Path, quiet: bool,
          all_problems: bool, debug: bool) -> None:  # fmt: skip
    """Лист «Ключ доступа» (PDF) для письма школе: адрес сервера с QR-кодом и сам ключ. PDF выводится в
    стандартный вывод и нигде не сохраняется; перенаправьте его в файл:
    make-report keys sheet 7 --address https://otchet.rayon.ru --key-file ключ.txt > ключ-7.pdf"""

    def action() -> None:
        import sys

        from ..district.client import key_from
        from ..district.keys import key_sheet
        from ..errors import InputError, Problem

        out = sys.stdout.buffer
        if sys.stdout.isatty():
            raise InputError([Problem("bad_option", "ID", "PDF не выводится на экран",
                                      hint=f"Перенаправьте вывод в файл: make-report keys sheet {key_id} --address "
                                      f"{address} > ключ-{key_id}.pdf")])  # fmt: skip
        data = key_sheet(inputs, outputs, key_id, key_from(key_file, inputs), address)
        out.write(data)
        out.flush()

    guarded(debug, action, writes=False)
