"""The staged pipeline: read → validate → compute → render → archive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .compute.build import build_model
from .compute.model import QuarterModel
from .errors import InputError, Problem, Problems
from .inputs import Inputs
from .options import Options
from .read.workbook import WorkbookUnreadable, open_workbook
from .validate.letter import parse_letter
from .validate.monitoring import load_monitoring
from .validate.roadmap import load_roadmap
from .validate.school import load_school

INPUT_FILES = ("school.toml", "roadmap.xlsx", "monitoring.xlsx")
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def load_inputs(folder: Path) -> Inputs:
    """Read and validate every input; raise one InputError listing all problems."""
    problems = Problems()
    for name in INPUT_FILES:
        if not (folder / name).is_file():
            problems.add("missing_file", name, f"файл не найден в папке {folder}")
    problems.raise_if_any()
    raw = {name: (folder / name).read_bytes() for name in INPUT_FILES}
    school = load_school(raw["school.toml"], problems)
    books = {}
    for name in INPUT_FILES[1:]:
        try:
            books[name] = open_workbook(raw[name], name)
        except WorkbookUnreadable as exc:
            problems.items.append(exc.problem)
    if school is None or len(books) < 2:
        problems.raise_if_any()
    roadmap = load_roadmap(books["roadmap.xlsx"], school, problems)
    monitoring = load_monitoring(books["monitoring.xlsx"], school, problems)
    problems.raise_if_any()
    return Inputs(school, roadmap, monitoring, raw)


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


def package_folder(options: Options, model: QuarterModel) -> Path:
    return options.outputs / model.school.year_slug / f"Q{model.quarter}"


def render_package(model: QuarterModel, options: Options, progress: Progress = _quiet) -> dict[str, bytes]:
    from .render.data_xlsx import render_data_xlsx
    from .render.roadmap_xlsx import render_roadmap_xlsx
    from .render.summary_json import render_summary

    files = {
        "summary.json": render_summary(model),
        "data.xlsx": render_data_xlsx(model, options.no_names),
        "roadmap.xlsx": render_roadmap_xlsx(model),
    }
    if options.documents:
        from .render.documents import render_documents

        files.update(render_documents(model, options, files["data.xlsx"], progress))
    return files


def run(options: Options, progress: Progress = _quiet) -> Result:
    check_quarter(options.quarter)
    parse_letter(options.letter)  # a mistyped option fails before any work
    progress("Чтение и проверка входных файлов")
    inputs = load_inputs(options.inputs)
    progress("Расчёт показателей")
    model = build_model(inputs, options.quarter)
    progress("Формирование документов")
    files = render_package(model, options, progress)
    return archive(model, inputs, files, options, progress)


def archive(
    model: QuarterModel, inputs: Inputs, files: dict[str, bytes], options: Options, progress: Progress
) -> Result:
    from .archive.history import plan_replacement
    from .archive.lock import outputs_lock
    from .archive.package import INPUTS_DIR, MANIFEST, manifest, remove_leftovers, write_package

    folder = package_folder(options, model)
    with outputs_lock(options.outputs, options.lock_wait):
        remove_leftovers(folder)
        plan = plan_replacement(folder, inputs.raw, files, options.force)
        package = dict(files)
        archived = not options.no_names  # the inputs hold staff names
        if archived:
            package.update({f"{INPUTS_DIR}/{name}": data for name, data in inputs.raw.items()})
        package.update(plan.kept)
        status_date = model.period.status_date.isoformat()
        package[MANIFEST] = manifest(inputs.raw, files, options.recorded(), status_date, archived, plan.history)
        if plan.unchanged and _on_disk(folder, package):
            progress(f"Пакет в {folder} не изменился")
            return Result(model, folder, _top_level(package), "unchanged")
        progress(f"Запись пакета в {folder}")
        write_package(folder, package)
    state = "replaced" if plan.history and not plan.unchanged else ("unchanged" if plan.unchanged else "written")
    return Result(model, folder, _top_level(package), state, plan.history if state == "replaced" else None)


def _top_level(package: dict[str, bytes]) -> tuple[str, ...]:
    """What the final line names: files, and folders with a slash (inputs/, versions/)."""
    return tuple(sorted({name.split("/")[0] + ("/" if "/" in name else "") for name in package}))


def _on_disk(folder: Path, package: dict[str, bytes]) -> bool:
    """True when the folder holds exactly these files with exactly these bytes."""
    present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    return present == set(package) and all((folder / n).read_bytes() == d for n, d in package.items())


def init_inputs(folder: Path, year_label: str, roster_from: Path | None = None) -> tuple[str, ...]:
    """Blank inputs for a new school year; the roster is carried over when given."""
    from .errors import ArchiveError
    from .render import blank_inputs
    from .validate.monitoring import load_roster

    blank_inputs.parse_year(year_label)
    people = []
    if roster_from is not None:
        problems = Problems()
        if not roster_from.is_file():
            problems.add("missing_file", str(roster_from), "файл не найден")
            problems.raise_if_any()
        try:
            book = open_workbook(roster_from.read_bytes(), roster_from.name)
        except WorkbookUnreadable as exc:
            raise InputError([exc.problem]) from None
        found = load_roster(book, problems)
        problems.raise_if_any()
        people = blank_inputs.carried_roster(tuple(found), year_label)
    files = {
        "school.toml": blank_inputs.school_toml(year_label),
        "roadmap.xlsx": blank_inputs.roadmap_xlsx(year_label),
        "monitoring.xlsx": blank_inputs.monitoring_xlsx(year_label, people),
    }
    taken = [name for name in files if (folder / name).exists()]
    if taken:
        raise ArchiveError(
            f"в папке {folder} уже есть {', '.join(taken)}; выберите пустую папку, чтобы ничего не затереть"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    except OSError as exc:
        raise ArchiveError(f"не удалось записать в {folder}: {exc.strerror or exc}") from exc
    return tuple(files)
