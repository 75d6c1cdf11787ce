"""Describe → edit → save: the roles a column of each table may take, and ``layout.toml`` written from
the layouts as read with the user's changes (the web page's «Как прочитаны таблицы»).  The file is
the one ``describe --write`` writes, and it is read back the same way."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .errors import InputError, Problem
from .layout.model import COUNTS, UNDECIDED, UNUSED, WEEK, TableLayout
from .layout.toml_text import layout_toml

# Problems a reader's refusal that choosing in layout.toml settles: what the cells hold (numbers or
# marks), and which column or sheet is which
SETTLED_BY_COUNTS = frozenset({"ambiguous_count"})
SETTLED_BY_LAYOUT = frozenset({"layout_mismatch", "missing_column", "ambiguous_sheet"})


def settled_by(kind: str) -> str:
    """«counts», «layout» or "": how the page lets a clerk settle a problem of this kind."""
    return "counts" if kind in SETTLED_BY_COUNTS else ("layout" if kind in SETTLED_BY_LAYOUT else "")


def _specs() -> dict:
    from .validate.counts import COUNTS
    from .validate.monitoring import WEEKLY
    from .validate.organizations import ORGANIZATIONS
    from .validate.roadmap import ACTIVITIES, CORRECTIONS, EVIDENCE, INDICATORS
    from .validate.roster import ROSTER

    return {s.name: s for s in (ROSTER, WEEKLY, ACTIVITIES, INDICATORS, EVIDENCE, CORRECTIONS, ORGANIZATIONS, COUNTS)}


def role_choices(reads_as: str) -> tuple[str, ...]:
    """What a column of the table ``reads_as`` may be: its contract headers, a week (weekly tables),
    or not read."""
    spec = _specs().get(reads_as)
    if spec is None:
        return (UNUSED,)
    titles = tuple(spec.title(key) for key in spec.columns if key not in spec.ignored)
    return (*titles, *((WEEK,) if spec.open_columns else ()), UNUSED)


def edited(
    layouts: tuple[TableLayout, ...],
    changes: dict[tuple[str, str, str], str],
    counts: dict[tuple[str, str], str] | None = None,
) -> list[TableLayout]:
    """``layouts`` with each ``(file, sheet, letter) → role`` applied, and ``(file, sheet) → counts``
    («numbers» or «marks») for weekly tables; a role the table does not have, or a column that is not
    there, is refused (InputError, nothing written)."""
    problems, done, result = [], set(), []
    for (file, sheet), kind in (counts or {}).items():
        if kind not in COUNTS:
            problems.append(Problem("bad_option", file, f"в ячейках недель не бывает «{kind}»", sheet=sheet, value=kind,
                                    hint="Выберите: " + "; ".join(f"«{k}» — {w}" for k, w in COUNTS.items())))  # fmt: skip
    for layout in layouts:
        kind = (counts or {}).get((layout.file, layout.sheet))
        if kind in COUNTS and layout.week_columns():
            layout = dataclasses.replace(layout, counts=kind)
        allowed = role_choices(layout.reads_as)
        columns = []
        for column in layout.columns:
            wanted = changes.get((layout.file, layout.sheet, column.letter))
            if wanted is not None:
                done.add((layout.file, layout.sheet, column.letter))
                if wanted not in allowed and not (wanted == UNDECIDED and column.role == UNDECIDED):
                    problems.append(Problem("bad_option", layout.file, f"у таблицы «{layout.reads_as}» нет столбца «{wanted}»",
                                            sheet=layout.sheet, column=column.letter, value=wanted,
                                            hint="Выберите роль из списка: " + ", ".join(f"«{r}»" for r in allowed)))  # fmt: skip
                    wanted = column.role
                column = dataclasses.replace(column, role=wanted)
            columns.append(column)
        result.append(dataclasses.replace(layout, columns=tuple(columns), declared=True))
    for file, sheet, letter in sorted(set(changes) - done):
        problems.append(Problem("bad_option", file, f"в описании таблиц нет столбца {letter}", sheet=sheet, column=letter,
                                hint="Таблицы изменились: обновите страницу и выберите заново"))  # fmt: skip
    if problems:
        raise InputError(problems)
    return result


def save_layout(inputs: Path, outputs: Path, layouts: list[TableLayout]) -> str:
    """Write ``inputs/layout.toml`` (the one it replaces goes under ``outputs/replaced-inputs/``);
    return the text written."""
    from .uploads import save_input

    text = layout_toml(layouts)
    save_input(inputs, outputs, "layout.toml", text.encode("utf-8"))
    return text
