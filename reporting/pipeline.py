"""The staged pipeline: read → validate → compute → render → archive."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .compute.build import build_model
from .compute.model import QuarterModel
from .errors import InputError, Problems
from .inputs import Inputs
from .load import load_inputs
from .options import Options
from .render.package_files import render_package
from .render.reading_txt import reading_lines, render_reading
from .validate.letter import parse_letter

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def checked_options(options: Options) -> Options:
    """Options are inputs too: every mistyped one is named at once, before any work.
    Returns the options with the document date written out as 29.12.2023."""
    import math

    from .read.cells import CellError, parse_date

    problems = Problems()
    if options.quarter not in range(1, 7):  # 4 quarters, 3 trimesters, up to 6 modules: school.toml says which
        problems.add("bad_option", "--quarter", "номер периода — от 1 до 4 (четверти), 3 (триместры), 6 (модули)",
                     value=options.quarter)  # fmt: skip
    if not (isinstance(options.lock_wait, int | float) and math.isfinite(options.lock_wait) and options.lock_wait >= 0):
        problems.add("bad_option", "--wait", "ожидается число секунд от 0 до 3600", value=options.lock_wait)
    from .cluster import check_scheduler

    check_scheduler(options.scheduler, options.scheduler_tls, problems)  # before any connection
    from .render.libraries import ENGINES

    if options.pdf_engine not in ENGINES:
        problems.add(
            "bad_option", "--pdf-engine", "способ сделать PDF: " + ", ".join(ENGINES), value=options.pdf_engine
        )
    if options.strict and not options.each_organization:
        problems.add("bad_option", "--strict", "--strict действует только вместе с --each-organization",
                     hint="Уберите --strict или добавьте --each-organization")  # fmt: skip
    doc_date = options.doc_date.strip()
    if doc_date:
        try:
            day = parse_date(doc_date)
            if not 2000 <= day.year < 2100:
                raise CellError("год вне 2000–2099")
            doc_date = f"{day:%d.%m.%Y}"
        except CellError as exc:
            problems.add("bad_option", "--date", f"дата документа не прочитана: {exc}", value=options.doc_date,
                         hint="Пишите дату так: 15.01.2024")  # fmt: skip
    if options.templates is not None:
        from .render.fonts import TEMPLATE_FILES
        from .validate.templates import check_templates

        folder = options.templates
        if not folder.is_dir() or not any((folder / name).is_file() for name in TEMPLATE_FILES):
            problems.add("bad_option", "--templates", "в папке нет ни одного файла шаблона", value=str(folder),
                         hint="Положите туда свои " + ", ".join(TEMPLATE_FILES) + " (любые из них)")  # fmt: skip
        else:
            problems.extend(check_templates(folder, TEMPLATE_FILES))
    letter = None
    try:
        letter = parse_letter(options.letter)
    except InputError as exc:
        problems.extend(exc.problems)
    problems.raise_if_any()
    if options.with_names and not letter:
        problems.add("bad_option", "--with-names", "--with-names действует только вместе с --letter",
                     hint="Уберите --with-names: без письма ФИО и так в пакете")  # fmt: skip
        problems.raise_if_any()
    # Documents attached to a letter leave the school: no staff names unless asked for (152-ФЗ).
    no_names = options.no_names or (letter is not None and not options.with_names)
    day = today().isoformat() if options.interim and not options.as_of else options.as_of
    return dataclasses.replace(options, doc_date=doc_date, letter_details=letter, no_names=no_names, as_of=day)


class State(StrEnum):
    """What a run did to the archive (a str: ``result.state == "written"`` holds too)."""

    WRITTEN = "written"  # a new package
    UNCHANGED = "unchanged"  # the same inputs gave the same files: nothing on disk was touched
    EQUIVALENT = "equivalent"  # the same documents, only the PDF engine's bytes differ: nothing touched
    REPLACED = "replaced"  # the earlier package is kept in versions/N/


@dataclass(frozen=True)
class Result:
    model: QuarterModel
    folder: Path
    files: tuple[str, ...]
    state: State
    history: dict | None = None
    failures: tuple = ()  # organisations whose package could not be made (--each-organization)
    organizations_written: int = 0
    incomplete: str = ""  # why documents asked for are missing (no Pango: no PDF); "" when complete


def package_folder(options: Options, model: QuarterModel) -> Path:
    return options.outputs / model.school.year_slug / model.school.kind.folder(model.quarter)  # Q2, T2, M3, H1


def _say_reading(inputs: Inputs, progress: Progress) -> None:
    """The reading report in the progress output: what was assumed, in full when short."""
    lines = reading_lines(inputs.reading)
    progress(f"Как прочитаны таблицы ({len(lines)}; полностью — в reading.txt пакета):")
    for line in lines[:12]:
        progress(f"  {line}")
    if len(lines) > 12:
        progress(f"  … и ещё {len(lines) - 12}")


@contextlib.contextmanager
def scratch_folder():
    """A temporary folder of the run's own, removed at its end: the renderers' temporary files
    (WeasyPrint's fonts for fontconfig) go there, not loose into the system's temporary folder.
    ``tempfile.tempdir`` is process-wide: runs in one process go one after another."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="make-report-")
    previous, tempfile.tempdir = tempfile.tempdir, folder
    try:
        yield Path(folder)
    finally:
        tempfile.tempdir = previous
        # What the renderers left (WeasyPrint removes its font folders only when collected, and a
        # forked helper exits without collecting): each removed by its own full path, then the folder.
        for leftover in Path(folder).iterdir():
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)


def run(options: Options, progress: Progress = _quiet, on_organization=None, on_commit=None, check_stop=None) -> Result:
    """Build the quarter's package and archive it.  ``on_commit(folder)`` is called the moment
    the package is in place (the CLI then knows an interrupt can no longer undo it);
    ``check_stop()`` is called while the package is written, up to the swap, and stops the run by
    raising (Ctrl-C then leaves the old package as it was, and the run says it wrote nothing)."""
    with scratch_folder():
        return _run(options, progress, on_organization, (on_commit, check_stop))


def today() -> dt.date:
    """The clock, in one place (an interim report is as of today; tests set the day)."""
    return dt.date.today()


def _refuse_missing_period(school, number: int) -> None:
    """``--period 4`` of a trimester school: its year has no such period."""
    if number <= len(school.quarters):
        return
    kind, option = school.kind, "--quarter" if school.kind.letter == "Q" else "--period"
    problems = Problems()
    from .words import counted

    forms = (kind.name, kind.genitive, kind.genitive_plural)
    problems.add("bad_option", option, f"в учебном году школы {counted(len(school.quarters), forms, ' ')}, а указан "
                 f"{number}-й", value=number,
                 hint=f"Укажите номер от 1 до {len(school.quarters)} (календарь — school.toml, раздел [school_year])")  # fmt: skip
    problems.raise_if_any()


def _refuse_one_number(model: QuarterModel, options: Options) -> None:
    """The report and the corrected roadmap are two documents, each registered under its own number: one
    number for both is refused, with the choice named (a records clerk never gives two documents one)."""
    if not options.documents or not model.own_roadmap or not (options.doc_number or options.roadmap_number):
        return
    problems = Problems()
    both = f"--number report={options.doc_number or 'НОМЕР'} --number roadmap={options.roadmap_number or 'НОМЕР'}"
    if not options.doc_number or not options.roadmap_number:
        which = "дорожной карты" if options.doc_number else "отчёта"
        problems.add("bad_option", "--number", f"не указан регистрационный номер {which}: у отчёта и "
                     "скорректированной дорожной карты — у каждого свой номер", value=options.doc_number or options.roadmap_number,
                     hint=f"Укажите оба: {both}")  # fmt: skip
    elif options.doc_number == options.roadmap_number:
        problems.add("bad_option", "--number", "у отчёта и дорожной карты один и тот же номер, а это два документа",
                     value=options.doc_number, hint="Дайте каждому свой номер из журнала регистрации: " + both)  # fmt: skip
    problems.raise_if_any()


def _refuse_unreportable(model: QuarterModel, options: Options) -> None:
    """A quarter that has not been reported must not look reported (compute.readiness decides)."""
    from .compute.readiness import refusals

    problems = Problems()
    for refusal in refusals(model, options.as_of_date or today(), options.interim, options.no_monitoring):
        problems.add("bad_option", refusal.option, refusal.message, hint=refusal.hint)
    problems.raise_if_any()


def _run(options: Options, progress: Progress, on_organization, hooks) -> Result:
    options = checked_options(options)
    requested = options.pdf_engine
    if options.documents:  # decided before any work: an engine asked for and missing stops the run here
        from .render.libraries import pdf_engine

        options = dataclasses.replace(options, pdf_engine=pdf_engine(requested))
    progress("Чтение и проверка входных файлов")
    inputs = load_inputs(options.inputs, tolerate_organizations=options.each_organization and not options.strict)
    _refuse_missing_period(inputs.school, options.quarter)
    progress("Расчёт показателей")
    model = build_model(inputs, options.quarter, as_of=options.as_of_date)
    if options.interim:  # a finished quarter whose monitoring stops early: as of its last monitored week
        from .compute.readiness import interim_end

        end = interim_end(model, options.as_of_date or today())
        if end is not None:
            options = dataclasses.replace(options, as_of=end.isoformat())
            model = build_model(inputs, options.quarter, as_of=end)
    _refuse_unreportable(model, options)
    _refuse_one_number(model, options)
    _say_reading(inputs, progress)
    progress("Формирование документов")
    files = render_package(model, options, progress)
    incomplete = _incomplete(options, files, requested)
    from .compute.statuses import term_notes
    from .errors import Note

    reading = inputs.reading + tuple(Note("дорожная карта", text) for text in term_notes(model.activities))
    if incomplete:
        reading += (Note("пакет", "ВНИМАНИЕ: пакет неполный — " + incomplete["reason"]),)
    if options.letter_details and model.school.unstated:  # GOST R 7.0.97: the sender's reference data
        names = {"address": "адрес", "ogrn": "ОГРН", "inn": "ИНН"}
        missing = ", ".join(names[key] for key in model.school.unstated)
        keys = ", ".join(f'{key} = "…"' for key in model.school.unstated)
        reading += (Note("school.toml", f"в письме нет справочных данных отправителя: {missing}. Впишите их в "
                         f"раздел [organization]: {keys}"),)  # fmt: skip
    extra, failures, mapping = ({"incomplete": incomplete} if incomplete else {}), (), {}
    if options.documents:
        extra["pdf_engine"] = options.pdf_engine  # which engine made the PDFs (or none)
    extra = extra or None
    if options.each_organization:
        from .municipal import manifest_entry, organization_files

        progress(f"Пакеты организаций: {len(inputs.organizations or inputs.monitoring.organizations)}")
        found, mapping, failures, notes = organization_files(
            options, inputs, on_organization or (lambda *_: None), today()
        )
        files.update(found)
        reading += notes
        extra = {**(extra or {}), **manifest_entry(mapping, failures)}
    files["reading.txt"] = render_reading(reading)
    result = archive(model, inputs, files, options, progress, extra, *hooks)
    written = len(mapping) - len(failures)
    return dataclasses.replace(
        result, failures=tuple(failures), organizations_written=written,
        incomplete=incomplete["reason"] if incomplete else "",
    )  # fmt: skip


def _incomplete(options: Options, files: dict[str, bytes], requested: str) -> dict | None:
    """The documents asked for that could not be made here (no Pango and no LibreOffice: no PDF),
    and why; none when the PDFs were made, or left out on purpose (--pdf-engine none)."""
    if not options.documents or options.pdf_engine != "none" or requested == "none":
        return None
    from .render.libraries import install_hint

    reason = (f"на этом компьютере нет ни LibreOffice, ни библиотеки Pango. Чтобы были PDF, установите LibreOffice "
              f"(libreoffice.org) или {install_hint()}")  # fmt: skip
    wanted = ["report.pdf"] + (["roadmap.pdf"] if "roadmap.docx" in files else [])
    wanted += ["letter.pdf", "letter.docx"] if options.letter_details else []
    return {"missing": [name for name in wanted if name not in files], "reason": str(reason)}


def archive(
    model: QuarterModel,
    inputs: Inputs,
    files: dict[str, bytes],
    options: Options,
    progress: Progress,
    extra=None,
    on_commit=None,
    check_stop=None,
) -> Result:
    from .archive.history import plan_replacement
    from .archive.lock import outputs_lock, refuse_read_only
    from .archive.package import INPUTS_DIR, MANIFEST, manifest, refuse_links_below, remove_leftovers, write_package

    folder = package_folder(options, model)
    archived = not options.no_names  # the inputs hold staff names
    refuse_links_below(options.outputs, folder)
    with outputs_lock(options.outputs, options.lock_wait) as writable:
        if writable:
            remove_leftovers(folder)
        engine = options.pdf_engine if options.documents else None
        plan = plan_replacement(folder, inputs.raw, files, archived, options.force, engine)
        if plan.unchanged:  # nothing on disk is touched
            progress(f"Пакет в {folder} не изменился")
            state = State.EQUIVALENT if plan.engine_only else State.UNCHANGED
            return Result(model, folder, _top_level(plan.present), state)
        if not writable:
            raise refuse_read_only(options.outputs)
        package = dict(files)
        if archived:
            package.update({f"{INPUTS_DIR}/{name}": data for name, data in inputs.raw.items()})
        package.update(plan.kept)
        status_date = model.period.status_date.isoformat()
        package[MANIFEST] = manifest(
            inputs.raw, files, options.recorded(), status_date, archived, plan.history, extra, plan.kept
        )
        progress(f"Запись пакета в {folder}")
        write_package(folder, package, on_commit, check_stop)
    state = State.REPLACED if plan.history else State.WRITTEN
    return Result(model, folder, _top_level(package), state, plan.history)


def _top_level(package) -> tuple[str, ...]:
    """What the final line names: files, and folders with a slash (inputs/, versions/)."""
    return tuple(sorted({name.split("/")[0] + ("/" if "/" in name else "") for name in package}))
