"""Files a user hands over (the web page's «Файлы» field) put into the inputs folder under the names
the contract expects.  What a file is comes from its kind and content, never from a path in its
name; a file it would replace is first saved aside, so nothing is lost.  Where a table fits two
inputs, or none, the upload is refused with the choices named (``Problem.value`` lists them), and
the caller asks again with ``kind``."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import InputError, Problem
from .load import CONTINGENT, LAYOUT, MONITORING, ORGANIZATIONS, ROADMAP, ROADMAP_DOCUMENT, SCHOOL, TABLE_SUFFIXES
from .read.chats import is_member_list
from .read.limits import input_cap
from .read.text import header_key
from .read.workbook import WorkbookUnreadable, open_workbook
from .validate.audiences import CHATS_TOML
from .validate.contingent import CONTINGENT as CONTINGENT_SPEC
from .week_uploads import period_target

ASIDE = "replaced-inputs"  # under outputs/: the files an upload replaced, by time
CHATS = "chats"

# kind → (what the page calls it, the file it becomes: a table takes the upload's own format)
KINDS: dict[str, str] = {
    "roadmap": "дорожная карта",
    "monitoring": "мониторинг (сотрудники и недели)",
    "organizations": "список организаций",
    "contingent": "контингент (классы: обучающиеся и родители)",
    "roadmap_document": "дорожная карта (документ Word)",
    "school": "реквизиты и календарь (school.toml)",
    "layout": "как читать таблицы (layout.toml)",
    "chats_toml": "для кого какой чат (chats.toml)",
    "chat": "выгрузка чата",
}
TABLE_KINDS = {"roadmap": ROADMAP, "monitoring": MONITORING, "organizations": ORGANIZATIONS, "contingent": CONTINGENT}
CHAT_SUFFIXES = (".json", ".csv")
SIGNATURE_SUFFIXES = (".sig", ".p7s", ".sgn")  # a director's signature: the archive page's, not an input
_CONTINGENT_COUNTS = {header_key(s) for key in ("pupils", "parents", "families") for s in CONTINGENT_SPEC.columns[key]}
_SAFE = re.compile(r"[^0-9A-Za-zА-Яа-яЁё._-]+")


@dataclass(frozen=True)
class Placed:
    kind: str
    name: str  # where it went, relative to the inputs folder
    aside: str  # where the file it replaced was saved, relative to outputs ("" when nothing was there)
    moved: tuple[str, ...] = ()  # files moved to make room («monitoring.xlsx → monitoring/2023-11-06.xlsx»)


def place_upload(inputs: Path, outputs: Path, filename: str, data: bytes, kind: str | None = None) -> Placed:
    """Save ``data`` (sent as ``filename``) into ``inputs`` under its contract name; return where.
    Raises ``InputError`` (``unplaced_upload``, ``unreadable_file``) and writes nothing then."""
    suffix = PurePath(filename.replace("\\", "/")).suffix.lower()
    shown = PurePath(filename.replace("\\", "/")).name[:200] or "файл"
    if len(data) > input_cap(shown):
        raise InputError([Problem("unreadable_file", shown, "файл слишком большой для входных данных")])
    if kind is None:
        kind = _only_kind(shown, suffix, data)
    elif kind not in KINDS:
        raise InputError([Problem("bad_option", "kind", f"неизвестный вид файла «{kind}»", value=kind)])
    target = _target(kind, shown, suffix, data)
    joined = period_target(inputs, shown, suffix, data) if kind == "monitoring" else None
    if joined is not None:  # a week's workbook beside the other weeks' (week_uploads.py)
        target, moves = joined
        for old, moved in moves:
            save_input(inputs, outputs, moved, old.read_bytes())
            old.unlink()
        said = tuple(f"{old.name} → {moved}" for old, moved in moves)
        return Placed(kind, target, save_input(inputs, outputs, target, data), said)
    return Placed(kind, target, save_input(inputs, outputs, target, data))


def kinds_of(filename: str, data: bytes) -> list[str]:
    """Every kind this file could be (by name first, then by content); empty when none fits."""
    name = PurePath(filename.replace("\\", "/")).name
    suffix = PurePath(name).suffix.lower()
    stem = PurePath(name).stem.lower()
    if suffix == ".toml":
        if stem == "school" or b"[school_year]" in data:
            return ["school"]
        if stem == "chats" or b"[[chat]]" in data:  # whom each chat is for (collect --discover --write)
            return ["chats_toml"]
        return ["layout"] if stem == "layout" else []
    if suffix == ".docx":
        return ["roadmap_document"]
    named = [k for k, contract in TABLE_KINDS.items() if PurePath(contract).stem == stem]
    if suffix == ".csv":  # a table exported as CSV (monitoring.csv), or a chat's (VK's output.csv)
        if named:
            return named
        if is_member_list(data):
            return ["chat"]
        try:
            return _table_kinds(name, data) or ["chat"]
        except InputError:
            return ["chat"]
    if suffix in CHAT_SUFFIXES:
        return ["chat"]
    if suffix not in TABLE_SUFFIXES:
        return []
    return named or _table_kinds(name, data)


def _only_kind(shown: str, suffix: str, data: bytes) -> str:
    found = kinds_of(shown, data)
    if len(found) == 1:
        return found[0]
    if suffix in SIGNATURE_SUFFIXES:
        raise InputError([Problem("unplaced_upload", shown, "это файл электронной подписи, а не входные данные",
                                  hint="Загрузите его на странице «Подписи и архив»: подпись проверится и запишется "
                                       "в пакет (make-report sign)")])  # fmt: skip
    if suffix in (".xlsb", ".xlsm"):  # an .xls is read (Excel 97–2003); these are not
        raise InputError([Problem("unreadable_file", shown, f"файлы {suffix} не читаются",
                                  hint="Откройте файл в Excel или LibreOffice и сохраните его как .xlsx")])  # fmt: skip
    choices = found or ([*TABLE_KINDS] if suffix in TABLE_SUFFIXES else [])
    if not choices:
        raise InputError([Problem("unplaced_upload", shown, "файлы такого вида не входят во входные данные",
                                  hint="Загрузите таблицы .xlsx, .ods, .xls или .csv, документ .docx, school.toml, layout.toml, chats.toml "
                                       "или выгрузки чатов (.json, .csv)")])  # fmt: skip
    what = "подходит под несколько входных файлов" if found else "не похоже ни на один входной файл"
    listed = ", ".join(f"«{KINDS[k]}»" for k in choices)
    raise InputError([Problem("unplaced_upload", shown, f"таблица {what}: {listed}", value=";".join(choices),
                              hint=f"Выберите, что это за файл: {listed}")])  # fmt: skip


def _table_kinds(name: str, data: bytes) -> list[str]:
    """What the sheets' names and first rows say the table is."""
    try:
        book = open_workbook(data, name)
    except WorkbookUnreadable as exc:
        raise InputError([exc.problem]) from None
    words = set()
    for sheet in book.sheet_names:
        words.add(header_key(sheet))
        try:
            rows = book.rows(sheet, probe=True, limit=15)
        except WorkbookUnreadable:
            continue
        words.update(header_key(cell) for row in rows for cell in row if isinstance(cell, str))
    text = " | ".join(words)
    found = []
    if "мероприятие" in words or "мероприятия" in words or "дорожная карта" in words:
        found.append("roadmap")
    if {"мониторинг", "сотрудники", "охват", "фио"} & words or "ф.и.о" in text:
        found.append("monitoring")
    if "организации" in words or "полное наименование" in words:
        found.append("organizations")
    if "контингент" in words or "класс" in words and words & _CONTINGENT_COUNTS:
        found.append("contingent")
    return found


def _target(kind: str, shown: str, suffix: str, data: bytes) -> str:
    if kind in TABLE_KINDS:
        if suffix not in TABLE_SUFFIXES:
            raise InputError([Problem("unplaced_upload", shown, f"{KINDS[kind]} — это таблица .xlsx или .ods",
                                      hint="Сохраните файл как .xlsx и загрузите снова")])  # fmt: skip
        return PurePath(TABLE_KINDS[kind]).stem + suffix
    fixed = {"school": SCHOOL, "layout": LAYOUT, "roadmap_document": ROADMAP_DOCUMENT, "chats_toml": CHATS_TOML}
    if kind in fixed:
        return fixed[kind]
    if suffix not in CHAT_SUFFIXES:
        raise InputError([Problem("unplaced_upload", shown, "выгрузка чата — это файл .json или .csv")])
    # One folder per upload keeps the export's own file name, which its reader goes by (result.json,
    # history.json, output.csv); the name is cleaned text, never a path
    stem = _SAFE.sub("-", PurePath(shown).stem).strip("-.")[:60] or "chat"
    own = safe_name(shown, "chat" + suffix)
    return f"{CHATS}/{stem}-{_short_hash(data)}/{own}"


def safe_name(filename: str, default: str) -> str:
    """A file name sent by a client as a plain name of letters, digits, «.», «-», «_»: no folder, no
    «..», no hidden file."""
    name = PurePath(filename.replace("\\", "/")).name
    return _SAFE.sub("-", name).strip("-.")[:120] or default


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def save_input(inputs: Path, outputs: Path, target: str, data: bytes) -> str:
    """Write durably (a temporary file beside, fsync, rename); an existing file goes aside first.
    A table given in the other format replaces that one too (two formats at once are refused)."""
    path = inputs / target
    for above in PurePath(target).parents:  # «chats/…»: a folder that is a link would lead out of inputs/
        if str(above) != "." and (inputs / above).is_symlink():
            raise InputError([Problem("linked_file", f"{above.as_posix()}/", "папка — ссылка на другую папку: "
                                      "файл туда не записывается", hint="Замените ссылку самой папкой")])  # fmt: skip
    replaced = [path]
    if PurePath(target).suffix in TABLE_SUFFIXES and "/" not in target:
        replaced += [path.with_suffix(s) for s in TABLE_SUFFIXES if s != path.suffix]
    aside = ""
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    for old in replaced:
        if old.is_symlink() or not old.is_file():
            continue
        if old.read_bytes() == data:
            continue
        keep = outputs / ASIDE / stamp / old.name
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(old, keep)  # outputs/ may be on another disk: a copy, then the old one goes
        if old != path:
            old.unlink()
        aside = aside or keep.relative_to(outputs).as_posix()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".upload-", delete=False) as temporary:
        temporary.write(data)
        temporary.flush()
        os.fsync(temporary.fileno())
    os.replace(temporary.name, path)
    return aside


def present(inputs: Path, limit: int = 200) -> list[str]:
    """The files in the inputs folder, as paths inside it (links and hidden files left out)."""
    found = []
    if not inputs.is_dir():
        return found
    for root, folders, files in os.walk(inputs, followlinks=False):
        folders[:] = sorted(d for d in folders if not d.startswith(".") and not Path(root, d).is_symlink())
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith((".", "~$")) and not path.is_symlink():
                found.append(path.relative_to(inputs).as_posix())
            if len(found) >= limit:
                return found
    return found
