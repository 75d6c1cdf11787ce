"""``organizations.xlsx``: each organisation's own requisites for its own documents
(``--each-organization``) — its full and short name, its head, its executor."""

from __future__ import annotations

from ..errors import Problems
from ..inputs import OrganizationDetails
from ..layout.reading import read_table
from ..read.table import SheetSpec
from ..read.text import clean, normalize
from ..read.workbook import Workbook
from .roster import ORGANIZATION

ORGANIZATIONS = SheetSpec(
    "Организации",
    {
        "name": ORGANIZATION,
        "full_name": ("Полное наименование", "Полное наименование организации"),
        "short_name": ("Краткое наименование", "Сокращённое наименование"),
        "head_position": ("Должность руководителя",),
        "head_name": ("Руководитель", "ФИО руководителя"),
        "executor_name": ("Исполнитель",),
        "executor_phone": ("Телефон исполнителя", "Телефон"),
        "city": ("Город", "Населённый пункт"),
    },
    required=(("name",),),
)


def load_organizations(book: Workbook, problems: Problems) -> dict[str, OrganizationDetails]:
    table = read_table(book, ORGANIZATIONS, problems)
    if table is None:
        return {}
    found: dict[str, OrganizationDetails] = {}
    rows: dict[str, int] = {}
    for row in table.rows:
        if row.is_blank():
            continue
        name = clean(row.get("name") or "")
        if not name:
            problems.add("missing_value", book.name, "не указано, какая это организация (как в мониторинге)",
                         sheet=table.sheet, row=row.number, column=table.header("name"))  # fmt: skip
            continue
        key = normalize(name)
        if key in rows:
            problems.add("duplicate_row", book.name, f"организация уже есть в строке {rows[key]}", sheet=table.sheet,
                         row=row.number, column=table.header("name"), value=name)  # fmt: skip
            continue
        rows[key] = row.number
        values = {k: clean(str(row.get(k) or "")) for k in ORGANIZATIONS.columns if k != "name" and table.has(k)}
        found[name] = OrganizationDetails(name=name, **values)
    return found


def check_against(details: dict[str, OrganizationDetails], organizations, file: str, problems: Problems) -> None:
    """Rows for organisations the monitoring does not have are slips of the pen: said, not used;
    organisations without a row get lines to fill in, and that is said too."""
    known = {normalize(o): o for o in organizations if o}
    listed = {normalize(n) for n in details}
    stray = [n for n in details if normalize(n) not in known]
    if stray:
        problems.note(file, "нет в мониторинге, не используются: " + ", ".join(f"«{n}»" for n in stray))
    missing = [o for k, o in sorted(known.items()) if k not in listed]
    if missing:
        problems.note(file, "нет строки — в их документах реквизиты останутся линиями для заполнения от руки: "
                      + ", ".join(f"«{o}»" for o in missing))  # fmt: skip


def check_names(organizations: list[str], file: str, problems: Problems) -> None:
    """An organisation's name goes onto its documents as their author and into the district's
    ranking: «../../etc» or «C:\\Windows» is a path, not an organisation (issue 32, point 5)."""
    for name in organizations:
        parts = name.replace("\\", "/").split("/")
        if name and ("\\" in name or name[:1] in "/~" or any(p.strip() in (".", "..") for p in parts)
                     or (len(name) > 1 and name[1] == ":" and name[:1].isalpha())):  # fmt: skip
            problems.add("bad_value", file, "название организации похоже на путь к файлу, а не на название",
                         column="Организация", value=name, organization=None,
                         hint="Впишите название организации так, как оно пишется в документах (например, МАОУ «СОШ № 24»)")  # fmt: skip
