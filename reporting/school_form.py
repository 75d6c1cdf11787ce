"""``school.toml`` from a form (the web page's «Реквизиты и календарь»): the fields a clerk fills,
read from the file there is, and the file written back with every other key it held kept.  What is
written is checked as the tool reads it; a file that would not read is refused, nothing written."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problems
from .validate.school import FILE, KNOWN, load_school

QUARTERS = 6  # rows of dates the form offers: up to six modules (4 quarters, 3 trimesters, 2 half-years)
KIND = "school_year.kind"


@dataclass(frozen=True)
class Field:
    section: str
    key: str
    label: str
    lines: int = 1  # more than one: a text area (the letter's addressee)

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"


FIELDS = (
    Field("organization", "full_name", "Полное наименование организации", 2),
    Field("organization", "short_name", "Краткое наименование"),
    Field("organization", "city", "Город (место составления документа)"),
    Field("organization", "address", "Адрес организации (для сопроводительного письма)"),
    Field("organization", "phone", "Телефон организации"),
    Field("organization", "email", "Электронная почта организации"),
    Field("organization", "ogrn", "ОГРН"),
    Field("organization", "inn", "ИНН"),
    Field("head", "position", "Должность руководителя (подписывает и утверждает)"),
    Field("head", "name", "Руководитель: инициалы и фамилия («А.Н. Гайдуков»)"),
    Field("platform", "name", "Платформа (печатается в документах)"),
    Field("executor", "name", "Исполнитель (координатор)"),
    Field("executor", "phone", "Телефон исполнителя"),
    Field("letter", "addressee", "Адресат сопроводительного письма", 4),
    Field("school_year", "label", "Учебный год («2025/2026»)"),
)
HEAD = "# Организация и календарь школы (docs/inputs.md, «school.toml»). Записано на странице make-report serve.\n"


def form_values(inputs: Path) -> dict[str, str]:
    """The form's fields (``section.key``, and ``quarter.N.start``/``.end`` as ISO dates) from the file
    there is; empty where it has none or does not read."""
    data = _data(inputs)
    values = {f.name: str(data.get(f.section, {}).get(f.key, "")) for f in FIELDS}
    year = data.get("school_year", {}) if isinstance(data.get("school_year"), dict) else {}
    values[KIND] = str(year.get("kind", "четверть"))
    quarters = year.get("periods", year.get("quarters", []))
    for n in range(QUARTERS):
        pair = quarters[n] if isinstance(quarters, list) and n < len(quarters) else ["", ""]
        values[f"quarter.{n + 1}.start"], values[f"quarter.{n + 1}.end"] = (str(x) for x in (list(pair) + ["", ""])[:2])
    return values


def school_text(inputs: Path, values: dict[str, str]) -> str:
    """The file as the form says, over the one there is (its other keys kept, in the contract's order)."""
    data = _data(inputs)
    for f in FIELDS:
        value = values.get(f.name, "").replace("\r\n", "\n").strip()
        data.setdefault(f.section, {})[f.key] = value
    year = data.setdefault("school_year", {})
    for key in ("kind", "periods", "quarters"):
        year.pop(key, None)
    kind = values.get(KIND, "четверть").strip() or "четверть"
    dates = [
        [values.get(f"quarter.{n}.start", "").strip(), values.get(f"quarter.{n}.end", "").strip()]
        for n in range(1, QUARTERS + 1)
        if values.get(f"quarter.{n}.start", "").strip() or values.get(f"quarter.{n}.end", "").strip()
    ]
    if kind == "четверть":  # the file as before 2025: «quarters» means quarters
        year["quarters"] = dates
    else:
        year["kind"], year["periods"] = kind, dates
    return _toml(data)


def save_school(inputs: Path, outputs: Path, values: dict[str, str]) -> str:
    """Write ``inputs/school.toml`` from the form; the file it replaces goes aside.  Raises
    ``InputError`` (located by ``section.key``) when the result would not read: nothing is written."""
    from .uploads import save_input

    text = school_text(inputs, values)
    problems = Problems()
    load_school(text.encode("utf-8"), problems)
    if problems.items:
        raise InputError(problems.items, problems.more)
    save_input(inputs, outputs, FILE, text.encode("utf-8"))
    return text


def _data(inputs: Path) -> dict:
    try:
        return tomllib.loads((inputs / FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return {}


def _toml(data: dict) -> str:
    """Sections of plain values, in the contract's order, then any others as they came."""
    order = list(KNOWN) + [s for s in data if s not in KNOWN]
    lines = [HEAD]
    for section in order:
        values = data.get(section)
        if not isinstance(values, dict) or not values:
            continue
        lines.append(f"[{section}]")
        keys = list(KNOWN.get(section, ())) + [k for k in values if k not in KNOWN.get(section, ())]
        lines += [f"{key} = {_value(values[key])}" for key in keys if key in values and values[key] != ""]
        lines.append("")
    return "\n".join(lines)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string
