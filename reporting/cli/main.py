"""The ``make-report`` command: a thin click layer over the library.

This is the one place that prints, chooses exit codes and turns the
library's exceptions into messages for school staff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from .click_ru import install as _russian_click
from .helpers import OrganizationsBar, default_year, echo, progress_printer, week_option
from .helpers import say as _say
from .run import (  # noqa: F401 (EXIT_CODES, exit_code_of, _interrupted: the exit-code table's home)
    CONTEXT,
    EXIT_CODES,
    INTERNAL_ERROR,
    INTERRUPTED,
    Interrupts,
    _given_empty,
    _help,
    _interrupted,
    common,
    exit_code_of,
    folder_option,
    format_option,
    guarded,
    print_json,
)

_russian_click()  # click's own strings (usage, headings, its errors) in Russian


class DefaultGroup(click.Group):
    """``make-report --quarter 2`` means ``make-report build --quarter 2``: a command line that does
    not start with a command name is the build command's.  Options belong to their command:
    ``make-report --no-names check`` is refused, never silently ignored."""

    default = "build"

    def parse_args(self, ctx, args):
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            import difflib

            close = difflib.get_close_matches(args[0], list(self.commands), n=1)
            guess = f"; может быть, {close[0]}?" if close else f"; команды: {', '.join(sorted(self.commands))}"
            raise click.UsageError(f"нет команды «{args[0]}»{guess}", ctx)
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            misplaced = next((a for a in args if a in self.commands), None)
            if misplaced:
                raise click.UsageError(
                    f"параметры {' '.join(args[: args.index(misplaced)])} стоят перед командой {misplaced}: "
                    f"пишите их после неё, если они у неё есть (make-report {misplaced} --help)",
                    ctx,
                )
            args = [self.default, *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=DefaultGroup,
    context_settings=CONTEXT,
    help="Формирует пакет документов за учебный период по дорожной карте внедрения платформы "
    "(Сферум, VK Мессенджер, MAX): отчёт об итогах четверти (триместра, модуля) и скорректированную дорожную "
    "карту в DOCX и PDF, таблицы показателей (XLSX, JSON) и опись пакета.\n\n"
    "Пример: make-report --quarter 2 (то же, что make-report build --quarter 2)\n\n"
    "Другие команды: serve — страница в браузере вместо командной строки (файлы, проверка, пакет, подписи); check — еженедельная проверка данных; describe — как прочитаны таблицы; "
    "week — недельный отчёт для муниципалитета; collect — сообщения чатов MAX; sign — электронные "
    "подписи; verify — проверка архива; init — заготовки на новый учебный год; keys — ключи доступа к серверу района. Параметры команды: "
    "make-report КОМАНДА --help.",
)
@click.version_option(__version__, "--version", message="make-report %(version)s", help="Показать версию и выйти.")
@_help
def main() -> None:
    pass


@main.command(context_settings=CONTEXT)
@click.option("--quarter", "--period", "-n", "quarter", type=click.IntRange(1, 6), metavar="N",
              help="Номер периода учебного года, обязателен: четверти (1–4), а если в school.toml kind — триместр, "
                   "модуль или полугодие, то их номер; --period и --quarter — одно и то же.")  # fmt: skip
@folder_option("--inputs", "Папка с school.toml, roadmap.xlsx и monitoring.xlsx (или .ods).")
@folder_option(
    "--outputs", "Папка архива; пакет пишется в <папка>/<год>/Q<N>/ (T<N> — триместр, M<N> — модуль, H<N> — полугодие)."
)
@click.option(
    "--no-names",
    is_flag=True,
    help="Не указывать ФИО сотрудников ни в одном документе (для писем во внешние организации, 152-ФЗ).",
)
@click.option(
    "--date",
    "doc_date",
    default=None,
    help="Дата документа для реквизитов (например, 15.01.2024); без неё — строка для заполнения от руки.",
)
@click.option("--number", "doc_number", multiple=True,
              help="Регистрационный номер: у каждого документа свой — --number report=01-12/15 --number "
                   "roadmap=01-12/16 (отчёт и скорректированная дорожная карта); один номер без имени — номер отчёта.")  # fmt: skip
@click.option(
    "--letter",
    default=None,
    help="Реквизиты сопроводительного письма, например «№ 01-12/345 от 15.01.2024»: отметка о приложении на PDF и письмо letter.docx/letter.pdf.",
)
@click.option(
    "--interim", is_flag=True,
    help="Промежуточный отчёт о четверти, которая ещё идёт: статусы на сегодня, в заголовке — «промежуточный».",
)  # fmt: skip
@click.option(
    "--no-monitoring", is_flag=True,
    help="Четверть без недель мониторинга: отчёт только об исполнении мероприятий (без пустых таблиц охвата).",
)  # fmt: skip
@click.option(
    "--with-names", is_flag=True,
    help="С --letter: оставить ФИО сотрудников в приложенных документах (без него письмо уходит без ФИО, 152-ФЗ).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Заменить пакет, уже лежащий в архиве (прежний сохранится в versions/).")
@click.option(
    "--wait",
    "lock_wait",
    type=click.FloatRange(0, 3600),
    default=10.0,
    show_default=True,
    help="Сколько секунд ждать, если папку архива занял другой запуск.",
)
@click.option(
    "--each-organization", is_flag=True,
    help="Несколько организаций (столбец «Организация» или папка monitoring/): сводный пакет и пакет каждой "
    "организации в organizations/.",
)  # fmt: skip
@click.option(
    "--strict", is_flag=True, help="С --each-organization: ошибка в данных одной организации останавливает всё."
)
@click.option(
    "--jobs",
    type=click.IntRange(0, 256),
    default=0,
    help="Сколько процессов готовят пакеты организаций (0 — по числу ядер).",
)
@click.option(
    "--scheduler",
    default="",
    help="Адрес планировщика Dask (tls://host:8786; без TLS — только tcp://127.0.0.1): пакеты организаций готовит кластер.",
)
@click.option("--scheduler-ca", default="", help="С --scheduler tls://: сертификат УЦ кластера (PEM).")
@click.option("--scheduler-cert", default="", help="С --scheduler tls://: сертификат этого компьютера (PEM).")
@click.option("--scheduler-key", default="", help="С --scheduler tls://: ключ этого сертификата (PEM).")
@click.option(
    "--data-only", is_flag=True, help="Только показатели (summary.json, data.xlsx, roadmap.xlsx), без DOCX и PDF."
)
@click.option(
    "--pdf-engine", type=click.Choice(["auto", "weasyprint", "libreoffice", "none"]), default="auto", show_default=True,
    help="Чем делать PDF: weasyprint (нужна библиотека Pango), libreoffice (из документов Word), none — без PDF; "
    "auto — weasyprint, а если Pango нет — LibreOffice.",
)  # fmt: skip
@click.option(
    "--templates", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Папка со своими шаблонами документов (любые из report.html.j2, roadmap.html.j2, document.css, "
    "report.docx, roadmap.docx, …); недостающие берутся из поставки.",
)  # fmt: skip
@common
def build(
    quarter, inputs, outputs, no_names, doc_date, doc_number, letter, interim, no_monitoring, with_names, force,
    lock_wait,
    each_organization, strict, jobs, scheduler, scheduler_ca, scheduler_cert, scheduler_key, data_only, pdf_engine,
    templates, quiet, all_problems, debug,
) -> None:  # fmt: skip
    """Формирует пакет за четверть (триместр, модуль, полугодие) и кладёт его в архив (команда по умолчанию).

    Пример: make-report --quarter 2 --date 15.01.2024 --number 01-12/345
    """
    if quarter is None:
        raise click.UsageError(
            "укажите номер периода: --quarter N (четверти 1–4) или --period N (триместра, модуля, полугодия)"
        )
    from ..cluster import SchedulerTls
    from ..options import Options
    from ..pipeline import run

    given_empty = _given_empty({"--date": doc_date, "--letter": letter})
    doc_date, letter = doc_date or "", letter or ""
    from ..errors import InputError
    from ..options import document_numbers

    try:
        doc_number, roadmap_number = document_numbers(doc_number)
    except InputError as exc:
        given_empty.items.extend(exc.problems)
        doc_number, roadmap_number = "", ""

    options = Options(
        quarter=quarter, inputs=inputs, outputs=outputs, no_names=no_names, doc_date=doc_date, with_names=with_names,
        interim=interim, no_monitoring=no_monitoring,
        doc_number=doc_number, roadmap_number=roadmap_number, documents=not data_only, force=force, letter=letter,
        lock_wait=lock_wait, each_organization=each_organization, strict=strict, jobs=jobs, scheduler=scheduler, templates=templates,
        scheduler_tls=SchedulerTls(scheduler_ca, scheduler_cert, scheduler_key), pdf_engine=pdf_engine,
    )  # fmt: skip

    interrupts = Interrupts(deferred=True)

    def action() -> None:
        given_empty.raise_if_any()
        bar = OrganizationsBar(quiet)
        progress, on_organization = interrupts.checked(progress_printer(quiet)), interrupts.checked(bar.update)
        result = run(options, progress, on_organization, interrupts.commit, interrupts.check)
        bar.close()
        if each_organization:
            _say(f"Пакеты организаций: записано {result.organizations_written}, не удалось {len(result.failures)}.")
            for failure in result.failures:
                _say(f"  • «{failure.name}»: {'; '.join(failure.reasons[:3])}")
        if result.state == "unchanged":
            _say(f"Пакет не изменился: входные данные те же, файлы совпадают байт в байт ({result.folder}).")
        elif result.state == "equivalent":
            _say(f"Пакет не изменился по содержанию: те же входные данные, параметры, показатели и текст документов; "
                 f"PDF отличаются только байтами шрифтов (на компьютере другая сборка библиотек вёрстки). "
                 f"Архивный пакет оставлен как есть ({result.folder}).")  # fmt: skip
        elif result.state == "replaced":
            _say(f"Прежний пакет сохранён в {result.folder / result.history['folder']}.")
        if result.incomplete:  # written, and marked incomplete: never «Готово», the run failed at what it was asked
            from ..errors import PackageIncomplete

            raise PackageIncomplete(f"пакет записан без PDF: {result.folder.absolute()} — {result.incomplete}; затем "
                                    "запустите make-report снова — полный пакет заменит этот")  # fmt: skip
        _say(f"Готово: {result.folder.absolute()} — " + ", ".join(sorted(result.files)))

    guarded(debug, action, interrupts, all_problems)


@main.command(context_settings=CONTEXT)
@click.argument("package", type=click.Path(path_type=Path))
@format_option
@common
def verify(package: Path, output_format: str, quiet: bool, all_problems: bool, debug: bool) -> None:
    """Проверяет пакет в архиве: контрольные суммы всех файлов по описи
    (manifest.json) и то, что показатели summary.json следуют из архивных входных данных.

    Пример: make-report verify outputs/2023-2024/Q2
    """
    from ..archive.verify import verify_package

    def action() -> int | None:
        if output_format == "json":
            return _verify_json(package)
        found = verify_package(package)
        for line in () if quiet else found.checked:
            _say(f"  проверено: {line}")
        for line in found.unchecked:
            _say(f"  не проверено: {line}")
        found.raise_if_broken()
        if found.missing:
            _say(f"Пакет {package} цел, но неполный: файлы совпадают с описью, а {', '.join(found.missing)} в нём нет "
                 "(он записан без PDF; make-report на компьютере с LibreOffice или библиотекой Pango соберёт полный пакет).")  # fmt: skip
        else:
            _say(f"Пакет {package} цел: файлы совпадают с описью.")

    guarded(debug, action, every_problem=all_problems, writes=False)


def _verify_json(package: Path) -> int:
    from ..api import verify as verify_api
    from ..errors import PackageNotFound
    from ..render.machine import refused_document, verify_document

    try:
        found = verify_api(package)
    except PackageNotFound as exc:
        print_json(refused_document("verify", exc))
        return 2
    print_json(verify_document(found))
    return 0 if found.intact else 5


@main.command(context_settings=CONTEXT)
@folder_option("--inputs", "Папка с входными файлами.")
@click.option(
    "--organization", default=None, help="Организация, для которой показать подробности (ниже порога поимённо)."
)
@format_option
@common
def check(inputs: Path, organization: str | None, output_format: str, quiet: bool, all_problems: bool,
          debug: bool) -> None:  # fmt: skip
    """Еженедельная проверка: ошибки во входных данных, охват за последнюю неделю
    мониторинга и кто ниже порога. Ничего не записывает.

    Пример: make-report check
    """
    from ..compute.weekly import weekly_status
    from ..load import load_inputs
    from ..render.console import status_lines

    def action() -> int | None:
        from ..render.reading_txt import reading_lines

        if output_format == "json":
            from ..api import check as check_api
            from ..render.machine import check_document

            report = check_api(inputs)
            print_json(check_document(report))
            return 0 if report.valid else 2
        found = load_inputs(inputs)
        status = weekly_status(found, organization)
        for line in status_lines(status):
            echo(line)
        if quiet:
            return
        echo("Как прочитаны таблицы:")
        for line in reading_lines(found.reading):
            echo(f"  • {line}")

    guarded(debug, action, every_problem=all_problems, writes=False)


@main.command(context_settings=CONTEXT)
@folder_option("--inputs", "Папка с входными файлами.")
@folder_option("--outputs", "Папка архива; отчёт пишется в <папка>/<год>/weekly/<понедельник>/.")
@click.option(
    "--week",
    "week_text",
    default="",
    help="Любой день нужной недели, например 25.12.2023 (по умолчанию — последняя неделя с данными).",
)
@click.option(
    "--force", is_flag=True, help="Заменить отчёт за эту неделю, если он уже есть и отличается (прежний — в versions/)."
)
@common
@click.option("--submit", "submit_to", default=None, metavar="АДРЕС",
              help="Отправить отчёт на сервер района (https://uo.example.ru): ключ школы — из переменной "
                   "MAKE_REPORT_KEY или --key-file.")  # fmt: skip
@click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="ФАЙЛ",
              help="Файл с ключом доступа школы (первая строка); храните его вне папки входных данных.")  # fmt: skip
def week(
    inputs: Path, outputs: Path, week_text: str, force: bool, submit_to: str | None, key_file: Path | None, quiet: bool,
    all_problems: bool, debug: bool,
) -> None:  # fmt: skip
    """Еженедельный отчёт об охвате для муниципалитета: по каждой организации и группе —
    всего, активных и процент за неделю, в return.xlsx (лист «Охват») и return.csv. Без ФИО.

    Пример: make-report week --week 25.12.2023
    """
    from ..returns import write_weekly_return

    def action() -> None:
        from ..render.formatting import CATEGORY_LABELS, percent

        day = week_option(week_text)
        key = None
        if submit_to is not None:  # the key first: a run that cannot send fails before it writes
            from ..collect.max_api import checked_base
            from ..district.client import key_from

            checked_base(submit_to)
            key = key_from(key_file, inputs)
        result = write_weekly_return(inputs, outputs, day, force=force)
        if not quiet:
            for row in result.rows:
                f = row.figure
                _say(
                    f"  • {row.organization}, {CATEGORY_LABELS[row.group].lower()}: {f.active} из {f.counted} ({percent(f.share)})"
                )
        state = {"unchanged": "не изменился", "replaced": "заменён (прежний — в versions/)", "written": "записан"}
        _say(f"Отчёт за неделю {result.week:%d.%m.%Y} {state[result.state]}: {result.folder} — return.xlsx, return.csv")
        if key is not None:
            from ..district.client import submit
            from ..errors import CollectError

            sent = submit(submit_to, key, result.folder / "return.xlsx")
            if sent["http"] == 403:
                raise CollectError(f"район отклонил отчёт (отправка {sent.get('id')}): в нём не ваша организация")
            _say(f"Отправлено в район: отправка {sent['id']}, статус «{sent['status']}», проблем: {sent['problems']}.")

    guarded(debug, action, every_problem=all_problems)


@main.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--year", default=None, help="Учебный год, например 2024/2025 (по умолчанию — ближайший).")
@click.option(
    "--roster", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="monitoring.xlsx прошлого года: перенести из него список сотрудников.",
)  # fmt: skip
@click.option("--school-only", is_flag=True,
              help="Только school.toml — в папку, где таблицы уже есть (остальные файлы не трогаются).")  # fmt: skip
@click.option("--kind", default="четверть", metavar="ВИД",
              help="Как делится учебный год: четверть (по умолчанию), триместр, модуль или полугодие.")  # fmt: skip
@common
def init(folder: Path, year: str | None, roster: Path | None, school_only: bool, kind: str, quiet: bool,
         all_problems: bool, debug: bool) -> None:  # fmt: skip
    """Создаёт заготовки входных файлов на новый учебный год: school.toml,
    roadmap.xlsx и monitoring.xlsx с нужными листами, заголовками, списками выбора
    и инструкцией.

    Пример: make-report init inputs-2024 --year 2024/2025 --roster inputs/monitoring.xlsx
    """
    from ..newyear import init_inputs

    def action() -> None:
        written = init_inputs(folder, year or default_year(), roster, school_only, kind)
        _say(f"Готово: {folder} — " + ", ".join(written) + ". Заполните в school.toml наименование организации, "
             "директора и даты учебных периодов; make-report check назовёт всё, что ещё не заполнено.")  # fmt: skip

    guarded(debug, action, every_problem=all_problems)


_METAVARS = {"doc_date": "ДАТА", "week_text": "ДАТА", "doc_number": "НОМЕР", "letter": "РЕКВИЗИТЫ",
             "lock_wait": "СЕК", "jobs": "N", "quarter": "N", "scheduler": "АДРЕС", "organization": "ОРГАНИЗАЦИЯ",
             "chats": "ID", "since": "ДАТА", "until": "ДАТА", "token_file": "ФАЙЛ", "timeout": "СЕК", "api": "АДРЕС",
             "year": "ГОД", "roster": "ФАЙЛ", "package": "ПАКЕТ", "folder": "ПАПКА", "scheduler_ca": "ФАЙЛ",
             "scheduler_cert": "ФАЙЛ", "scheduler_key": "ФАЙЛ", "max_pages": "N", "ca_file": "ФАЙЛ"}  # fmt: skip


def _russian_metavars(group: click.Group) -> None:
    """Placeholders in the help (``--inputs ПАПКА``), not click's type names (``DIRECTORY``)."""
    group.options_metavar, group.subcommand_metavar = "[ПАРАМЕТРЫ]", "КОМАНДА [АРГУМЕНТЫ]..."
    for command in group.commands.values():
        command.options_metavar = "[ПАРАМЕТРЫ]"
        for param in command.params:
            if param.metavar is None and not getattr(param, "is_flag", False):
                param.metavar = _METAVARS.get(param.name) or (
                    "ПАПКА" if isinstance(param.type, click.Path) else "ТЕКСТ"
                )


from .collect import collect  # noqa: E402 (commands of their own modules, added to the group here)
from .describe import describe  # noqa: E402
from .keys import keys  # noqa: E402
from .serve import serve  # noqa: E402
from .sign import sign  # noqa: E402

main.add_command(sign)
main.add_command(collect)
main.add_command(describe)
main.add_command(serve)
main.add_command(keys)
_russian_metavars(main)


def run_command() -> None:
    """The console entry point: Ctrl-C while options are parsed ends as 130 too, never as click's
    «Aborted!» with exit 1 or a traceback."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        _say("Прервано. Ничего не записано.")
        sys.exit(INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)


if __name__ == "__main__":  # pragma: no cover
    run_command()
