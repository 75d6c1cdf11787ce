"""The staged pipeline: read → validate → compute → render → archive."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .compute.build import build_model
from .compute.model import QuarterModel
from .errors import InputError, Problem
from .inputs import Inputs
from .load import load_inputs
from .options import Options
from .validate.letter import parse_letter

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def check_quarter(quarter: int) -> None:
    if quarter not in (1, 2, 3, 4):
        raise InputError([Problem("bad_option", "--quarter", "номер четверти — от 1 до 4", value=str(quarter))])


@dataclass(frozen=True)
class Result:
    model: QuarterModel
    folder: Path
    files: tuple[str, ...]
    state: str  # "written" | "unchanged" | "replaced"
    history: dict | None = None
    failures: tuple = ()  # organisations whose package could not be made (--each-organization)
    organizations_written: int = 0


def package_folder(options: Options, model: QuarterModel) -> Path:
    return options.outputs / model.school.year_slug / f"Q{model.quarter}"


def render_package(model: QuarterModel, options: Options, progress: Progress = _quiet) -> dict[str, bytes]:
    from .render.data_xlsx import render_data_xlsx
    from .render.roadmap_xlsx import render_roadmap_xlsx
    from .render.summary_json import render_summary

    files = {
        "summary.json": render_summary(model, options.generated_by()),
        "data.xlsx": render_data_xlsx(model, options.no_names),
        "roadmap.xlsx": render_roadmap_xlsx(model),
    }
    if options.documents:
        from .render.documents import render_documents

        files.update(render_documents(model, options, files["data.xlsx"], progress))
    return files


def run(options: Options, progress: Progress = _quiet, on_organization=None) -> Result:
    check_quarter(options.quarter)
    parse_letter(options.letter)  # a mistyped option fails before any work
    progress("Чтение и проверка входных файлов")
    inputs = load_inputs(options.inputs, tolerate_organizations=options.each_organization and not options.strict)
    progress("Расчёт показателей")
    model = build_model(inputs, options.quarter)
    progress("Формирование документов")
    files = render_package(model, options, progress)
    extra, failures, mapping = None, (), {}
    if options.each_organization:
        from .municipal import manifest_entry, organization_files

        progress(f"Пакеты организаций: {len(inputs.monitoring.organizations)}")
        found, mapping, failures = organization_files(options, inputs, on_organization or (lambda *_: None))
        files.update(found)
        extra = manifest_entry(mapping, failures)
    result = archive(model, inputs, files, options, progress, extra)
    written = len(mapping) - len(failures)
    return dataclasses.replace(result, failures=tuple(failures), organizations_written=written)


def archive(
    model: QuarterModel, inputs: Inputs, files: dict[str, bytes], options: Options, progress: Progress, extra=None
) -> Result:
    from .archive.history import plan_replacement
    from .archive.lock import outputs_lock
    from .archive.package import INPUTS_DIR, MANIFEST, manifest, remove_leftovers, write_package

    folder = package_folder(options, model)
    archived = not options.no_names  # the inputs hold staff names
    with outputs_lock(options.outputs, options.lock_wait):
        remove_leftovers(folder)
        plan = plan_replacement(folder, inputs.raw, files, archived, options.force)
        if plan.unchanged:  # nothing on disk is touched
            progress(f"Пакет в {folder} не изменился")
            return Result(model, folder, _top_level(plan.present), "unchanged")
        package = dict(files)
        if archived:
            package.update({f"{INPUTS_DIR}/{name}": data for name, data in inputs.raw.items()})
        package.update(plan.kept)
        status_date = model.period.status_date.isoformat()
        package[MANIFEST] = manifest(
            inputs.raw, files, options.recorded(), status_date, archived, plan.history, extra, plan.kept
        )
        progress(f"Запись пакета в {folder}")
        write_package(folder, package)
    state = "replaced" if plan.history else "written"
    return Result(model, folder, _top_level(package), state, plan.history)


def _top_level(package) -> tuple[str, ...]:
    """What the final line names: files, and folders with a slash (inputs/, versions/)."""
    return tuple(sorted({name.split("/")[0] + ("/" if "/" in name else "") for name in package}))
