"""Read and validate the inputs folder: the first two stages, for every command."""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .errors import InputError, Problem, Problems
from .gc_pause import fewer_collections
from .inputs import ALL, HELP_SHEET, OTHER, Counts, Inputs, Monitoring
from .read.limits import check_regular, input_cap, read_regular
from .read.text import header_key
from .read.workbook import TABLE_SUFFIXES, WorkbookUnreadable, open_workbook
from .validate.audiences import CHATS_TOML
from .validate.contingent import find_contingent
from .validate.counts import check_groups, counts_only, has_counts, latest_returns, load_counts
from .validate.monitoring import load_monitoring
from .validate.organizations import check_against, check_names, load_organizations
from .validate.period_files import join_periods, period_of, refuse_unsaid_periods, title_period
from .validate.roadmap import load_roadmap
from .validate.school import load_school

SCHOOL, ROADMAP, MONITORING = "school.toml", "roadmap.xlsx", "monitoring.xlsx"
ORGANIZATIONS = "organizations.xlsx"  # a district's: each organisation's own requisites (optional)
CONTINGENT = "contingent.xlsx"  # pupils and parents per class: the denominators of their indicators (optional)
ROADMAP_DOCUMENT = "roadmap.docx"  # the approved roadmap as a Word document, read when there is no table
LAYOUT = "layout.toml"  # how the tables are read, declared (make-report describe --write); optional
MONITORING_DIR = "monitoring"  # or one monitoring workbook per organisation in this folder
RETURNS_DIR = "returns"  # a district: the schools' weekly returns (counts), any number per organisation


def _spellings(name: str) -> list[str]:
    """roadmap.xlsx → roadmap.xlsx, roadmap.ods: the names one table may have."""
    stem = Path(name).stem
    return [stem + suffix for suffix in TABLE_SUFFIXES]


def table_name(raw, name: str) -> str | None:
    """The name under which the table ``name`` (in any of its formats) is among ``raw``."""
    return next((n for n in _spellings(name) if n in raw), None)


def input_files(folder: Path, problems: Problems) -> dict[str, Path]:
    """Input name (as archived and hashed) → path.

    A link is never followed: it could make the archive copy a file from
    anywhere on the machine (``monitoring/x.xlsx → /etc/passwd``).
    """
    files = {}
    if not folder.is_dir():
        what = "это файл, а не папка" if folder.exists() else "такой папки нет"
        problems.add(
            "missing_file", str(folder.absolute()), f"папка входных данных не найдена: {what}",
            hint="Укажите папку с school.toml, roadmap.xlsx и monitoring.xlsx (--inputs ПАПКА) или создайте "
            f"заготовки: make-report init {folder}",
        )  # fmt: skip
        return files

    def take(name: str, path: Path) -> None:
        if path.is_symlink():
            problems.add(
                "linked_file", name, "это ссылка на другой файл, а не сам файл",
                hint="Положите в папку входных данных сам файл (копию), а не ссылку на него",
            )  # fmt: skip
            return
        try:
            check_regular(path, input_cap(name))
        except OSError as exc:  # a folder, a FIFO or a device under an input's name: never read, never ignored
            problems.add("unreadable_file", name, f"под этим именем — {exc.strerror or exc}",
                         hint=f"Положите на место {name} сам файл (или уберите {path.name} из папки)")  # fmt: skip
            return
        files[name] = path

    if _present(folder, SCHOOL):
        take(SCHOOL, folder / SCHOOL)
    else:
        problems.add("missing_file", SCHOOL, f"файл не найден в папке {folder}",
                     hint=f"Создайте его заготовку: make-report init {_quoted(folder)} --school-only — запишется только "
                          "school.toml (таблицы не тронутся); заполните его, и make-report check назовёт всё, что ещё "
                          "не заполнено")  # fmt: skip
    roadmap = _one_table(folder, ROADMAP, problems)
    if roadmap:
        take(roadmap, folder / roadmap)
    elif roadmap is None and _present(folder, ROADMAP_DOCUMENT):  # the approved document itself
        take(ROADMAP_DOCUMENT, folder / ROADMAP_DOCUMENT)
    elif roadmap is None:
        problems.add("missing_file", ROADMAP, f"файл не найден в папке {folder}", hint=_other_format(folder, ROADMAP))
    monitoring = _one_table(folder, MONITORING, problems)
    returns = _table_folder(folder, RETURNS_DIR, problems, take)
    if monitoring:
        take(monitoring, folder / monitoring)
    # "" is two formats at once (already a problem); else a folder of workbooks, or a district's returns
    elif monitoring is None and not _table_folder(folder, MONITORING_DIR, problems, take) and not returns:
        problems.add(
            "missing_file", MONITORING, f"файл не найден в папке {folder} (нет и папок {MONITORING_DIR}/, {RETURNS_DIR}/)",
            hint=_other_format(folder, MONITORING),
        )  # fmt: skip
    organizations = _one_table(folder, ORGANIZATIONS, problems)
    if organizations:
        take(organizations, folder / organizations)
    contingent = _one_table(folder, CONTINGENT, problems)
    if contingent:
        take(contingent, folder / contingent)
    if _present(folder, LAYOUT):
        take(LAYOUT, folder / LAYOUT)
    if _present(folder, CHATS_TOML):
        take(CHATS_TOML, folder / CHATS_TOML)
    _note_open_workbooks(folder, files, problems)
    return files


def _note_open_workbooks(folder: Path, files: dict[str, Path], problems: Problems) -> None:
    """«~$monitoring.xlsx» beside the workbook: Excel has it open, and edits not yet saved are not in
    the file the tool reads. A warning, not an error (Excel may have crashed and left it)."""
    for name in sorted(files):
        owner = (folder / name).with_name("~$" + Path(name).name)
        if owner.exists():
            problems.note(name, "ВНИМАНИЕ: файл открыт в Excel (рядом лежит " + owner.name + "): изменения, которые "
                          "ещё не сохранены, в расчёт не попадут — сохраните файл и запустите снова")  # fmt: skip


def _table_folder(folder: Path, name: str, problems: Problems, take) -> bool:
    """``monitoring/`` (a workbook per organisation) or ``returns/`` (a district's weekly returns):
    every table file in it is an input. False when there is no such folder."""
    where = folder / name
    if where.is_symlink():
        problems.add("linked_file", f"{name}/", "папка — ссылка на другую папку; положите сюда сами файлы")
        return True
    if not where.is_dir():
        return False
    found = sorted(
        p for p in where.iterdir() if p.suffix.lower() in TABLE_SUFFIXES and not p.name.startswith(("~$", ".~lock", "."))
    )  # fmt: skip
    if not found:
        problems.add("missing_file", f"{name}/", "в папке нет ни одной таблицы: " + ", ".join(TABLE_SUFFIXES))
    for path in found:
        take(f"{name}/{path.name}", path)
    return True


def _quoted(folder: Path) -> str:
    """A folder as it is typed into a command: quoted when it has spaces («Мои данные»)."""
    text = str(folder)
    return f'"{text}"' if any(c.isspace() for c in text) or not text else text


def _present(folder: Path, name: str) -> bool:
    """Anything under the name: a folder or a FIFO called layout.toml is refused, not passed over."""
    return (folder / name).exists() or (folder / name).is_symlink()


def _one_table(folder: Path, name: str, problems: Problems) -> str | None:
    """The file name of table ``name`` in the folder; None if absent, "" if ambiguous (a problem)."""
    found = [n for n in _spellings(name) if _present(folder, n)]
    if len(found) > 1:
        problems.add(
            "ambiguous_file", " и ".join(found), "в папке одна и та же таблица в двух форматах: непонятно, какая из них верная",
            hint="Оставьте один файл (второй уберите из папки) и запустите снова",
        )  # fmt: skip
        return ""
    return found[0] if found else None


def _other_format(folder: Path, name: str) -> str | None:
    """The same table saved in a format the tool does not read: say how to make it an .xlsx."""
    stem = Path(name).stem
    for suffix in (".doc", ".pdf", ".odt"):  # a .docx is read (read/document.py)
        if (folder / f"{stem}{suffix}").is_file():
            return (
                f"Найден {stem}{suffix} — документ, а программе нужна таблица мероприятий: создайте заготовку "
                f"(make-report init ПАПКА) и перенесите в её {stem}.xlsx строки таблицы из документа (в Word: "
                "выделите таблицу, Копировать, затем Вставить в Excel на лист «Дорожная карта»), а на листе "
                "«Показатели» впишите сроки целевых показателей (или удалите этот лист: возьмутся показатели "
                "утверждённой дорожной карты); затем положите этот файл сюда"
            )
    for suffix in (".xlsm", ".xlsb"):  # a .csv and an .xls are read
        if (folder / f"{stem}{suffix}").is_file():
            return (
                f"Найден {stem}{suffix}: откройте его и сохраните как «Книга Excel (.xlsx)» "
                "(в LibreOffice: Файл → Сохранить как → Microsoft Excel 2007–365)"
            )
    return None


def load_inputs(folder: Path, tolerate_organizations: bool = False, layouts: dict | None = None) -> Inputs:
    """Read and validate every input; raise one InputError listing all problems.

    With ``tolerate_organizations`` a problem that belongs to one organisation
    sets that organisation aside (``Inputs.failed``) instead of stopping the run.
    """
    problems = Problems()
    files = input_files(folder, problems)
    chats = {}
    if (folder / "chats").exists() or (folder / "chats").is_symlink():  # the chat readers only when needed
        from .load_chats import chat_files

        chats = chat_files(folder, problems)
    problems.raise_if_any()
    try:
        raw = {name: read_regular(path, input_cap(name)) for name, path in files.items()}
    except OSError as exc:
        problem = Problem("unreadable_file", Path(exc.filename or "").name, f"файл не читается: {exc.strerror}")
        raise InputError([problem]) from None
    made = {}
    if chats:
        from .load_chats import chat_extracts, school_zone

        made = chat_extracts(
            chats, problems, school_zone(raw.get("school.toml"))
        )  # text-free extracts, never the exports themselves
        raw.update({name: extract.to_bytes() for name, extract in made.items()})
    problems.raise_if_any()
    return inputs_from_files(raw, tolerate_organizations, problems.notes, made, layouts)


def inputs_from_files(
    raw: dict[str, bytes], tolerate_organizations: bool = False, notes=(), extracts=None, layouts=None
) -> Inputs:
    """The same, from the files' bytes by input name (``verify`` reads an archived copy); ``notes``:
    what was noticed about the files themselves (a workbook open in Excel); ``extracts``: the chat
    extracts already made from the exports (by input name), so they need not be parsed back;
    ``layouts``: a dict that receives each workbook's layouts as read (file -> sheet -> TableLayout),
    filled even when the inputs are refused (``describe``)."""
    with fewer_collections():
        return _inputs_from_files(raw, tolerate_organizations, notes, extracts, layouts)


@contextmanager
def _read_periods(books: dict, monitoring_name: str | None, school) -> None:
    """The week or month each monitoring workbook is for: its file's name in monitoring/, else a «Период:»
    line in its title rows."""
    for name, book in books.items():
        if name != monitoring_name and not name.startswith(MONITORING_DIR + "/"):
            continue
        named = period_of(name, school) if name.startswith(MONITORING_DIR + "/") else None
        if named:
            book.period = (*named, "имя файла")
            continue
        titled = title_period(book, school)
        if titled:
            book.period = (*titled[0], f"строка «{titled[1]}»")


def _inputs_from_files(raw: dict[str, bytes], tolerate_organizations, notes, extracts, layouts) -> Inputs:
    problems = Problems()
    problems.notes.extend(notes)
    declared = {}
    if LAYOUT in raw:
        from .layout.declared import load_layout

        declared = load_layout(raw[LAYOUT], problems)
    roadmap_name = table_name(raw, ROADMAP) or (ROADMAP_DOCUMENT if ROADMAP_DOCUMENT in raw else None)
    for name, present in ((SCHOOL, SCHOOL in raw), (ROADMAP, roadmap_name)):
        if not present:
            problems.add("missing_file", name, "файл не найден")
    if not (table_name(raw, MONITORING) or any(n.startswith((MONITORING_DIR + "/", RETURNS_DIR + "/")) for n in raw)):
        problems.add("missing_file", MONITORING, "файл не найден")
    problems.raise_if_any()
    school = load_school(raw[SCHOOL], problems)
    from_chats = []
    if any(name.startswith("chats/") for name in raw):
        from .load_chats import extracts_of

        from_chats = extracts_of(raw, problems, extracts)
    books, unread = {}, set()
    for name in raw:
        if (name.endswith(TABLE_SUFFIXES) and not name.startswith("chats/")) or name == ROADMAP_DOCUMENT:
            try:
                books[name] = _opened(raw[name], name)
                books[name].declared = {header_key(k): v for k, v in declared.get(name, {}).items()}
                if layouts is not None:
                    layouts[name] = books[name].layouts  # filled as the book is read
            except WorkbookUnreadable as exc:
                problems.append(_owned(exc.problem, name))
                unread.add(name)
    if school is None or roadmap_name not in books:
        problems.raise_if_any()
    roadmap = load_roadmap(books[roadmap_name], school, problems)
    for name, book in books.items():  # what the reader of each file had to say (the roadmap's Word, an .xls)
        for line in getattr(book, "said", ()):
            problems.note(name, line)
    organizations_name = table_name(raw, ORGANIZATIONS)
    details = load_organizations(books[organizations_name], problems) if organizations_name in books else {}
    parts, counted, returned, periods, by_file = [], [], [], [], []
    thresholds = tuple(i.threshold for i in roadmap.indicators) if roadmap else ()
    if school is not None:
        _read_periods(books, table_name(raw, MONITORING), school)
    # files named by weeks or months (or saying so in a «Период:» line) are one school's periods, unless
    # organizations.xlsx lists organisations
    folder = [book for name, book in books.items() if name.startswith(MONITORING_DIR + "/")]
    by_period = school is not None and not organizations_name and bool(folder) and all(b.period for b in folder)
    contingent = find_contingent(books, table_name(raw, CONTINGENT), problems)
    for name, book in books.items():
        if name in (roadmap_name, organizations_name, table_name(raw, CONTINGENT)):
            continue
        found = Problems()
        is_return = name.startswith(RETURNS_DIR + "/")
        part = (
            None
            if is_return or counts_only(book)
            else load_monitoring(book, school, found, bool(from_chats), thresholds)
        )
        if is_return:
            returned.append((name, book.saved_at(), load_counts(book, school, found, Path(name).stem)))
        elif has_counts(book):
            counted.append(load_counts(book, school, found, _organization_of(name) or ""))
        if by_period and name.startswith(MONITORING_DIR + "/") and found.items and all(
                p.kind == "empty_sheet" for p in found.items):  # fmt: skip
            # a week's file left blank (a holiday, not filled in): that week unmonitored, as a blank week column is
            found.items, part = [], None
            found.note(name, "в файле нет ни одного числа сообщений: его неделя (месяц) не отслеживалась и в расчёт "
                       "не вошла; если числа есть — проверьте, что они в листе «Мониторинг»")  # fmt: skip
        problems.extend([p if by_period else _owned(p, name) for p in found.items])
        problems.more += found.more
        problems.notes.extend(found.notes)
        if part is not None and by_period and name.startswith(MONITORING_DIR + "/"):
            periods.append((name, part))
        elif part is not None:
            parts.append(_organized(part, name) if name.startswith(MONITORING_DIR + "/") else part)
            if name.startswith(MONITORING_DIR + "/"):
                by_file.append((name, part))
    if not by_period and not organizations_name:
        refuse_unsaid_periods(by_file, f"{MONITORING_DIR}/", problems)
    if periods:
        joined = join_periods(periods, f"{MONITORING_DIR}/", problems)
        if joined is not None:
            parts.append(joined)
    monitoring = Monitoring.merge(parts)
    counted.append(latest_returns(returned, problems))
    counts = Counts(tuple(r for c in counted for r in c.rows), frozenset().union(*(c.named for c in counted)))
    anonymous = {}  # the pupils' and parents' chats' extracts, as archived
    if from_chats and school is not None:
        from .load_chats import chats_counted

        monitoring, counts, anonymous = chats_counted(raw, from_chats, monitoring, counts, roadmap, contingent,
                                                    school, problems)  # fmt: skip
    monitoring_name = table_name(raw, MONITORING) or f"{MONITORING_DIR}/"
    check_groups(counts, monitoring, roadmap, problems, monitoring_name)
    _note_uncounted(monitoring, roadmap, problems, monitoring_name)
    _check_calls(monitoring, roadmap, problems, (roadmap_name, monitoring_name))
    if LAYOUT in raw:
        from .layout.declared import check_declared

        check_declared(declared, books, unread, problems)
    else:
        problems.note("inputs/", "расположение таблиц определено программой по заголовкам и содержимому; "
                      "make-report describe покажет его, а с --write сохранит в inputs/layout.toml")  # fmt: skip
    for name, book in books.items():
        for sheet in book.sheet_names:
            if sheet not in book.read and sheet == HELP_SHEET:
                problems.note(name, "памятка, которую пишет make-report init; не читается", sheet)
            elif sheet not in book.read:
                hidden = "скрытый " if sheet in book.hidden else ""
                problems.note(name, f"{hidden}лист не используется: программа не знает, что в нём считать", sheet)
    # A file set aside unread is not archived: the package holds only what it was built from.
    kept = {name: anonymous.get(name, data) for name, data in raw.items() if name not in unread}
    names = sorted(set(monitoring.organizations) | set(counts.organizations))
    check_names(names, monitoring_name if monitoring.organizations else f"{RETURNS_DIR}/", problems)
    if organizations_name:
        check_against(details, names, organizations_name, problems)
    _consolidating_body(school, names, problems)
    inputs = Inputs(school, roadmap, monitoring, kept, reading=tuple(problems.notes), counts=counts,
                    organization_details=details)  # fmt: skip
    return _settle(inputs, problems, tolerate_organizations)


# A CSV holds one table: the main one of the file it stands for (returns/*.csv: a school's counts)
CSV_SHEETS = {"monitoring": "Мониторинг", "roadmap": "Дорожная карта", "contingent": "Контингент",
              "organizations": "Организации", RETURNS_DIR: "Охват"}  # fmt: skip


def _opened(data: bytes, name: str):
    """A workbook, or the roadmap's Word document read as one."""
    if name != ROADMAP_DOCUMENT:
        path = PurePosixPath(name)
        key = path.parts[0] if len(path.parts) > 1 else path.stem  # monitoring/<week>.csv: a weekly sheet
        return open_workbook(data, name, CSV_SHEETS.get(key, ""))
    from .read.document import open_document

    return open_document(data, name)


def _consolidating_body(school, organizations: list[str], problems: Problems) -> None:
    """A consolidation of several organisations is the document of the body that consolidates
    them (a district's education office), not of one of them: school.toml naming one of the
    organisations would issue the district's summary as that school's own, listing itself among
    the others with figures other than its own document's."""
    from .read.text import normalize

    if school is None or len([o for o in organizations if o]) < 2:
        return
    own = {normalize(school.full_name), normalize(school.short_name)}
    among = [o for o in organizations if normalize(o) in own]
    if among:
        problems.add(
            "bad_value", SCHOOL,
            f"school.toml описывает «{among[0]}» — одну из организаций свода; сводный отчёт выпускает тот, кто "
            "сводит данные", column="organization.short_name", value=school.short_name,
            hint="Впишите в school.toml реквизиты органа, который сводит данные (управление образования: [organization], "
            "его руководитель — [head], исполнитель — [executor]), а реквизиты организаций — в organizations.xlsx; "
            "если свод делает сама школа по своим корпусам, назовите корпуса в «Организация» иначе",
        )  # fmt: skip


def _note_uncounted(monitoring: Monitoring, roadmap, problems: Problems, monitoring_name: str) -> None:
    """Staff of a category no indicator names are on the roster, and in no figure: say so."""
    named = {i.category for i in (roadmap.indicators if roadmap else ())}
    count = sum(p.category == OTHER for p in monitoring.people)
    if count and not named & {OTHER, ALL}:
        problems.note(
            monitoring_name,
            f"категория «прочий персонал»: {count} чел. в списке сотрудников — ни один показатель их не учитывает",
        )


def _check_calls(monitoring: Monitoring, roadmap, problems: Problems, names: tuple[str, str]) -> None:
    """A call threshold needs calls; calls no indicator uses are said to be unused."""
    roadmap_name, monitoring_name = names
    uses = [i for i in (roadmap.indicators if roadmap else ()) if i.call_threshold]
    if uses and monitoring.calls is None:
        problems.add(
            "missing_sheet", roadmap_name, "в показателе задан «Порог звонков», но звонков во входных данных нет",
            sheet="Показатели",
            hint="Добавьте в monitoring.xlsx лист «Звонки» (той же формы, что «Мониторинг») или столбец «Звонков» "
            "в таблицу «Неделя — ФИО — Сообщений»",
        )  # fmt: skip
    elif monitoring.calls is not None and not uses:
        problems.note(
            monitoring_name, "звонки прочитаны, но ни один показатель не задаёт «Порог звонков»: в расчёт не входят"
        )


def _organization_of(name: str) -> str | None:
    """The organisation a per-organisation file stands for: its file name."""
    return Path(name).stem if name.startswith(MONITORING_DIR + "/") else None


def _owned(problem: Problem, name: str) -> Problem:
    owner = problem.organization or _organization_of(name)
    return dataclasses.replace(problem, organization=owner) if owner else problem


def _organized(part: Monitoring, name: str) -> Monitoring:
    """People of a per-organisation file: the roster's «Организация», else the file name."""
    return part.owned_by(_organization_of(name))


def _settle(inputs: Inputs, problems: Problems, tolerate: bool) -> Inputs:
    if not problems:
        return inputs
    if not tolerate or problems.more or any(p.organization is None for p in problems.items):
        raise InputError(
            problems.items, problems.more, problems.notes
        )  # past the bound, no one can tell whose they are
    failed: dict[str, list[Problem]] = {}
    for problem in problems.items:
        failed.setdefault(problem.organization, []).append(problem)
    monitoring = inputs.monitoring.without(set(failed))
    return dataclasses.replace(inputs, monitoring=monitoring, failed={k: tuple(v) for k, v in failed.items()})
