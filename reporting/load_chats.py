"""``inputs/chats/``: the chat exports found, turned into text-free extracts, and their counts laid
into the monitoring arrays beside the typed ones."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problems
from .inputs import ABSENT, AUDIENCE_WORDS, NO_NUMBER, Counts, Monitoring, School
from .read.chats import EXTRACT_SUFFIX, ChatFileError, Extract, read_export
from .read.limits import file_name_problem, shown_name

CHATS_DIR = "chats"
_TELEGRAM_HTML = re.compile(r"messages\d*\.html", re.IGNORECASE)  # Telegram Desktop's HTML export
_EXPORT_SUFFIXES = (".json", ".csv")


def chat_files(folder: Path, problems: Problems) -> dict[str, Path]:
    """Every export under ``chats/`` (any depth: a VK dump is ``<peer_id>/history.json``), links
    refused; attachments, avatars and the dumps' HTML pages are not exports and are passed over."""
    root = folder / CHATS_DIR
    if root.is_symlink():
        problems.add("linked_file", f"{CHATS_DIR}/", "папка — ссылка на другую папку; положите сюда сами выгрузки")
        return {}
    if not root.is_dir():
        return {}
    found, html, refused = {}, [], []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        unnamed = file_name_problem(relative)
        if unnamed:
            if not any(path.is_relative_to(above) for above in refused):  # a folder's files: said of the folder
                problems.add("bad_value", shown_name(relative), unnamed)
            refused.append(path)
        elif path.is_symlink():
            problems.add("linked_file", relative, "это ссылка на другой файл, а не выгрузка; положите сюда сам файл")
        elif path.suffix.lower() in _EXPORT_SUFFIXES and not path.is_dir():
            found[relative] = path  # a FIFO or a device too: the reader refuses it by name
        elif _TELEGRAM_HTML.fullmatch(path.name):
            html.append(relative)
    _html_exports(html, found, folder, problems)
    if not found and not html:
        problems.note(f"{CHATS_DIR}/", "папка есть, но выгрузок чатов (.json, .csv) в ней нет")
    return found


def _html_exports(html: list[str], found: dict[str, Path], folder: Path, problems: Problems) -> None:
    """Telegram's HTML export: its first page (``messages.html``) stands for the export, the pages that
    continue it are read with it.  Beside a JSON export in the same folder (the same chat exported twice)
    the HTML is passed over, said in the reading report: counting both would count each message twice."""
    exported = {Path(name).parent for name in found}
    for name in html:
        parent, page = Path(name).parent, Path(name).name.lower()
        if parent in exported:
            if page == "messages.html":
                problems.note(name, "не читается: в этой папке есть выгрузка того же чата в JSON (result.json), "
                              "она и взята")  # fmt: skip
            continue
        if page == "messages.html":
            found[name] = folder / name
        elif not any(Path(other).parent == parent and Path(other).name.lower() == "messages.html" for other in html):
            problems.add("bad_value", name, "это продолжение выгрузки Telegram в HTML, а её первой страницы "
                         "messages.html в папке нет", hint="Положите сюда всю папку выгрузки: messages.html, "
                         "messages2.html и следующие")  # fmt: skip


def school_zone(data: bytes | None) -> str:
    """``[school] timezone`` of school.toml, for exports that give local times only (its own
    validation comes later and names any fault; here a fault means the default zone)."""
    import tomllib
    from zoneinfo import ZoneInfo

    try:
        zone = str((tomllib.loads(data.decode("utf-8")).get("school") or {}).get("timezone") or "Europe/Moscow")
        ZoneInfo(zone)
    except (AttributeError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, KeyError, OSError, RecursionError):
        return "Europe/Moscow"
    return zone


def chat_extracts(files: dict[str, Path], problems: Problems, zone: str = "Europe/Moscow") -> dict[str, Extract]:
    """Input name of each extract (``chats/…/history.json.extract.txt``) → the extract (``zone``: the
    school's, for exports that give local times only)."""
    extracts = {}
    for name, path in files.items():
        try:
            extracts[name + EXTRACT_SUFFIX] = read_export(path, name, zone)
        except ChatFileError as exc:
            where = f"{exc.where}: " if exc.where else ""
            problems.add("bad_value", name, where + str(exc), hint=exc.hint or _HINT)
        except OSError as exc:
            problems.add("unreadable_file", name, f"файл не читается: {exc.strerror or exc}")
    return extracts


_HINT = ("Положите в inputs/chats/ выгрузку как её сохраняет инструмент: страницы MAX (make-report collect), "
         "history.json и output.csv (VK/Сферум), result.json или папку с messages.html (Telegram Desktop)")  # fmt: skip


def extracts_of(raw: dict[str, bytes], problems: Problems, made: dict[str, Extract] | None = None) -> list[Extract]:
    """The extracts among the inputs: those this run made (``made``), the others (an archived
    package's, for verify) parsed from their bytes."""
    found = []
    for name, data in sorted(raw.items()):
        if name.startswith(CHATS_DIR + "/") and name.endswith(EXTRACT_SUFFIX):
            if made and name in made:
                found.append(made[name])
                continue
            try:
                found.append(Extract.from_bytes(data, name))
            except (ChatFileError, UnicodeDecodeError, KeyError):
                problems.add(
                    "bad_value", name, "выписка из чата повреждена", hint="Соберите пакет заново из выгрузок чатов"
                )
    return found


def with_chats(monitoring: Monitoring, extracts: list[Extract], school: School, problems: Problems,
               groups: dict | None = None):  # fmt: skip
    """The monitoring with every chat-covered week filled from the chats: a person who wrote
    nothing there that week has 0. A typed count for the same person and week is a problem unless
    ``[chats] prefer`` says which wins; an absence mark stays.  And the chats' counts (``ChatCounts``),
    whose pupils' and parents' side (``groups``: their chats) is counted without names."""
    from .validate.chats import count_chats

    people = list(monitoring.people)
    chats = count_chats(extracts, people, school, problems, groups)
    _note_audiences(chats, problems)
    if not chats.weeks:
        return monitoring, chats
    return _filled(monitoring, chats, school, problems), chats


def _note_audiences(chats, problems: Problems) -> None:
    for group, (_, word) in AUDIENCE_WORDS.items():
        members = chats.audience_members.get(group, {})
        writers = {s for week in chats.audience_writes.get(group, {}).values() for s in week}
        if not members and not chats.audience_weeks.get(group):
            continue
        said = f"чаты {word}: в списках участников {len(members)}, писали {len(writers)}"
        if any(when is None for when in members.values()):
            said += ("; в списке участников нет дат вступления — подключёнными они считаются во все недели "
                     "выгрузок, а вышедшие из чата до выгрузки списка не видны")  # fmt: skip
        problems.note(CHATS_DIR + "/", said + "; имён и id обучающихся и родителей в пакете нет — только "
                      "хеш с солью, чтобы один человек в нескольких чатах считался один раз")  # fmt: skip
    if chats.unassigned:
        problems.note(CHATS_DIR + "/", f"в чатах обучающихся и родителей не отнесены ни к одной группе и не "
                      f"засчитаны: {chats.unassigned} (имя подходит нескольким сотрудникам; впишите их id в столбец "
                      "«ID пользователя» листа «Сотрудники», если это сотрудники)")  # fmt: skip


def _filled(monitoring: Monitoring, chats, school: School, problems: Problems) -> Monitoring:
    import numpy as np

    people = list(monitoring.people)
    weeks = sorted(set(monitoring.weeks) | set(chats.weeks))
    column = {w: j for j, w in enumerate(weeks)}
    old = [column[w] for w in monitoring.weeks]
    counts = np.full((len(people), len(weeks)), NO_NUMBER, dtype=np.int32)
    counts[:, old] = monitoring.counts
    calls = None
    if monitoring.calls is not None or chats.has_calls:
        calls = np.full((len(people), len(weeks)), NO_NUMBER, dtype=np.int32)
        if monitoring.calls is not None:
            calls[:, old] = monitoring.calls
    conflicts: dict = {}
    for week in chats.weeks:
        j = column[week]
        for i in range(len(people)):
            typed, counted = counts[i, j], chats.messages.get((i, week), 0)
            if typed == ABSENT:
                continue
            if typed >= 0 and school.chats_prefer != "chats":
                if not school.chats_prefer and typed != counted:
                    conflicts.setdefault(week, []).append(people[i].name)
                continue
            counts[i, j] = counted
            if calls is not None and chats.has_calls:
                calls[i, j] = chats.calls.get((i, week), 0)
    for week, names in sorted(conflicts.items()):
        problems.add(
            "bad_value", CHATS_DIR + "/",
            f"неделя {week:%d.%m.%Y}: число сообщений и введено в monitoring.xlsx, и посчитано из чатов, и они "
            f"расходятся — {', '.join(names[:3])}{' …' if len(names) > 3 else ''} (всего: {len(names)})",
            hint='Оставьте один источник или укажите в school.toml, какой главный: [chats] prefer = "chats" '
            '(счёт из чатов) или prefer = "typed" (введённые числа)',
        )  # fmt: skip
    result = Monitoring(people, weeks, counts, monitoring.layout, calls)
    for name, there in monitoring.platforms.items():
        result.platforms[name] = np.zeros_like(counts)
        result.platforms[name][:, old] = there
    for label, cells in chats.by_platform.items():
        matrix = result.platforms.setdefault(label, np.zeros_like(counts))
        for (i, week), n in cells.items():
            matrix[i, column[week]] = n
    result.chat_sources = {
        (people[i].key, week): ", ".join(sorted(chats_of)) for (i, week), chats_of in chats.sources.items()
    }
    result.chat_flags = {(people[i].key, week): flag.describe() for (i, week), flag in chats.flags.items()}
    return result


def chats_counted(raw, extracts, monitoring, counts, roadmap, contingent, school, problems):
    """The chats laid into the monitoring (staff, per person) and into the counts (pupils and parents, and
    «connected»); and each pupils' or parents' chat's extract as it is archived: with no name or id of theirs."""
    from .compute.chat_groups import chat_group_counts
    from .validate.audiences import CHATS_TOML, anonymized, read_audiences

    audiences = read_audiences(raw.get(CHATS_TOML), problems)
    extracts, groups = anonymized(extracts, audiences, list(monitoring.people))
    hidden = {e.source + EXTRACT_SUFFIX: e.to_bytes() for e in extracts if e.source in groups}
    monitoring, chats = with_chats(monitoring, extracts, school, problems, groups)
    indicators = roadmap.indicators if roadmap else ()
    rows = chat_group_counts(chats, indicators, contingent, monitoring, school, counts.groups, problems)
    if rows:
        counts = Counts(
            counts.rows + tuple(rows), counts.named | {r.group for r in rows}, frozenset(r.group for r in rows)
        )
    return monitoring, counts, hidden
