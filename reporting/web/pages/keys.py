"""«Ключи» (district server): what ``make-report keys add/list/revoke/sheet`` do, on the district's page.
A new key is shown once, in the answer to the form that made it; its «Ключ доступа» sheet is made
from the key sent back in a form's body (never a URL) and handed over, never stored."""

from __future__ import annotations

import datetime as dt

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import Response

from ...district.keys import add_key, key_sheet, list_keys, revoke_key
from ...district.submissions import organizations
from ...errors import InputError, ReportError
from ...render.key_sheet import grouped
from ..render import page

DISTRICT = "район"  # the organisation select's value for a district key


async def index(request: Request, made: dict | None = None, problem: str = "", status: int = 200):
    settings = request.app.state.settings
    rows = await to_thread.run_sync(list_keys, settings.outputs)
    listed = await to_thread.run_sync(organizations, settings.inputs)
    return page(request, "keys.html", status, keys=list(reversed(rows)), organizations=listed, made=made,
                problem=problem, address=settings.school_address, district_value=DISTRICT)  # fmt: skip


async def add(request: Request):
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=5) as form:
        chosen, label, expires = (str(form.get(k, "")).strip()[:300] for k in ("organization", "label", "expires"))
    try:
        day = dt.date.fromisoformat(expires) if expires else None
    except ValueError:
        return await index(request, problem="Срок действия — дата (ДД.ММ.ГГГГ).", status=422)
    organization = None if chosen == DISTRICT else chosen
    try:
        key_id, key, name = await to_thread.run_sync(
            add_key, settings.inputs, settings.outputs, organization, label, day
        )
    except InputError as exc:
        return await index(request, problem=exc.problems[0].describe(), status=422)
    made = {"id": key_id, "key": key, "grouped": grouped(key), "whose": name or (f"район ({label})" if label else "район (все организации)"),
            "expires": day}  # fmt: skip
    return await index(request, made=made)


async def revoke(request: Request):
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=3) as form:
        number = str(form.get("key_id", ""))
    try:
        if number.isdigit():
            await to_thread.run_sync(revoke_key, settings.outputs, int(number))
            return await index(request)
    except InputError:
        pass
    return await index(request, problem=f"Ключа {number[:20]} нет или он уже отозван.", status=404)


async def sheet(request: Request):
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=4) as form:
        number, key, address = (str(form.get(k, "")).strip()[:500] for k in ("key_id", "key", "address"))
    if not number.isdigit():
        return page(request, "error.html", 404, message="Такого ключа нет.")
    try:
        data = await to_thread.run_sync(key_sheet, settings.inputs, settings.outputs, int(number), key,
                                        address or settings.school_address)  # fmt: skip
    except ReportError as exc:  # a key that is not that key's, a bad address, no PDF engine here
        return page(request, "error.html", 422 if isinstance(exc, InputError) else 503, message=_message(exc))
    return Response(data, media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="key-{int(number)}.pdf"'})  # fmt: skip


def _message(exc: ReportError) -> str:
    problems = getattr(exc, "problems", None)
    return problems[0].describe() if problems else str(exc)
