"""«Реквизиты и календарь»: ``school.toml`` as a form; «Сохранить» writes the same file."""

from __future__ import annotations

from anyio import to_thread
from starlette.requests import Request

from ... import api
from ...errors import InputError
from ...periods import KINDS
from ...school_form import FIELDS, KIND, QUARTERS
from ..render import page

MAX_FIELDS = 40


async def index(request: Request):
    settings = request.app.state.settings
    values = await to_thread.run_sync(api.school_form, settings.inputs)
    return page(request, "school.html", **_view(values, ()), saved=False)


async def save(request: Request):
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=MAX_FIELDS) as form:
        values = {str(k): str(v) for k, v in form.multi_items()}
    try:
        await to_thread.run_sync(api.save_school, settings.inputs, settings.outputs, values)
    except InputError as exc:
        return page(request, "_school_form.html", 422, **_view(values, exc.problems), saved=False)
    values = await to_thread.run_sync(api.school_form, settings.inputs)
    return page(request, "_school_form.html", **_view(values, ()), saved=True)


def _view(values: dict[str, str], problems) -> dict:
    """Each field with its value and the message of the problem found in it (by ``section.key``)."""
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        key = problem.column or ""
        if key.startswith(("school_year.quarters", "school_year.periods", KIND)):  # the calendar, or a period
            key = "quarter.1.start"
        by_field.setdefault(key if key else "", []).append(problem.describe())
    fields = [{"name": f.name, "label": f.label, "lines": f.lines, "value": values.get(f.name, ""),
               "errors": by_field.pop(f.name, [])} for f in FIELDS]  # fmt: skip
    quarters = [{"n": n, "start": values.get(f"quarter.{n}.start", ""), "end": values.get(f"quarter.{n}.end", "")}
                for n in range(1, QUARTERS + 1)]  # fmt: skip
    quarter_errors = by_field.pop("quarter.1.start", [])
    rest = [line for lines in by_field.values() for line in lines]
    kind = values.get(KIND, "четверть")
    return {"fields": fields, "quarters": quarters, "quarter_errors": quarter_errors, "other_errors": rest,
            "kinds": list(KINDS.values()), "kind": kind if kind in KINDS else "четверть"}  # fmt: skip
