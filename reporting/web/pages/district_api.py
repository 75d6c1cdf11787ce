"""The district server's API for scripts (``serve --district``): ``Authorization: Bearer <key>``, JSON.

A school key sees and sends only its own organisation's submissions: every query carries the
organisation (``district.store``), so another school's id is 404 because no row matches.  Wrong keys
are counted per address; past the limit the address waits (429)."""

from __future__ import annotations

import json
import threading
import time

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse

from ...district.submissions import REFUSED, receive
from ...errors import InputError

FAILURES_ALLOWED = 10  # wrong keys from one address within the window
WINDOW = 600.0  # seconds
MAX_SUBMISSION = 64 << 20


class Attempts:
    def __init__(self) -> None:
        self._failed: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, address: str) -> bool:
        with self._lock:
            recent = [t for t in self._failed.get(address, []) if t > time.monotonic() - WINDOW]
            self._failed[address] = recent
            return len(recent) >= FAILURES_ALLOWED

    def failed(self, address: str) -> None:
        with self._lock:
            self._failed.setdefault(address, []).append(time.monotonic())


def _error(status: int, message: str, **extra) -> JSONResponse:
    headers = {"www-authenticate": 'Bearer realm="make-report"'} if status == 401 else None
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


async def _actor(request: Request, district_only: str = ""):
    """The key's holder, or the error answer; a key is never echoed, logged or kept.  ``district_only``:
    the refusal (403) a school key gets where only the district may go."""
    state = request.app.state
    address = request.client.host if request.client else "?"
    if state.attempts.blocked(address):
        return None, _error(429, "слишком много попыток с неверным ключом; повторите через 10 минут")
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    actor = await to_thread.run_sync(state.store.actor, key.strip()) if scheme.lower() == "bearer" else None
    if actor is None:
        state.attempts.failed(address)
        return None, _error(401, "нужен действующий ключ: заголовок Authorization: Bearer <ключ>")
    if district_only and not actor.is_district:
        return None, _error(403, district_only)
    return actor, None


async def submit(request: Request):
    actor, refused = await _actor(request)
    if refused:
        return refused
    async with request.form(max_files=1, max_fields=5) as form:
        item = form.get("file")
        if not hasattr(item, "read"):
            return _error(400, "нет файла: отправьте его в поле file (multipart/form-data)")
        name, data = str(item.filename or "return.xlsx"), await item.read()
    if len(data) > MAX_SUBMISSION:
        return _error(413, "файл слишком большой")
    settings = request.app.state.settings
    try:
        received = await to_thread.run_sync(receive, request.app.state.store, settings.inputs, actor, name, data)
    except InputError as exc:
        return _error(422, exc.problems[0].describe(), problems=[_problem(p) for p in exc.problems])
    body = {"id": received.id, "status": received.status, "problems": len(received.problems)}
    return JSONResponse(body, status_code=403 if received.status == REFUSED else 201)


async def submissions(request: Request):
    actor, refused = await _actor(request)
    if refused:
        return refused
    rows = await to_thread.run_sync(request.app.state.store.submissions, actor)
    return JSONResponse({"submissions": [_row(r) for r in rows]})


async def submission(request: Request):
    actor, refused = await _actor(request)
    if refused:
        return refused
    try:
        number = int(request.path_params["submission_id"])
    except ValueError:
        return _error(404, "такой отправки нет")
    store = request.app.state.store
    row = await to_thread.run_sync(store.submission, actor, number)
    if row is None:
        return _error(404, "такой отправки нет")
    reviews = await to_thread.run_sync(store.reviews, actor, number)
    status = reviews[-1]["status"] if reviews else row["status"]
    return JSONResponse(
        {
            **_row(row),
            "status": status,
            "problems": json.loads(row["problems"]),
            "reviews": [{"status": r["status"], "comment": r["comment"], "at": r["at"]} for r in reviews],
        }
    )


async def review(request: Request):
    """The district's decision on a submission: ``{"status": "на доработке" | "принято", "comment": …}``."""
    from ...district.statuses import decide

    actor, refused = await _actor(request, "решение принимает только район")
    if refused:
        return refused
    try:
        number = int(request.path_params["submission_id"])
        asked = json.loads(await request.body())
        decision, comment = str(asked.get("status", "")), str(asked.get("comment", ""))
    except (ValueError, AttributeError):
        return _error(400, 'ожидается JSON: {"status": "на доработке", "comment": "что исправить"}')
    try:
        status = await to_thread.run_sync(decide, request.app.state.store, actor, number, decision, comment)
    except InputError as exc:
        return _error(422, exc.problems[0].describe())
    except LookupError:
        return _error(404, "такой отправки нет")
    return JSONResponse({"id": number, "status": status})


async def status(request: Request):
    """``GET /api/v1/status?week=YYYY-MM-DD`` (a district key): every organisation's status and figures."""
    import datetime as dt

    from ...district.statuses import board

    actor, refused = await _actor(request, "сводка по всем организациям — только для ключа района")
    if refused:
        return refused
    try:
        week = dt.date.fromisoformat(request.query_params.get("week", ""))
    except ValueError:
        return _error(400, "укажите неделю: ?week=ГГГГ-ММ-ДД (понедельник)")
    week -= dt.timedelta(days=week.weekday())
    lines = await to_thread.run_sync(board, request.app.state.store, request.app.state.settings.inputs, week)
    return JSONResponse({"week": week.isoformat(), "organizations": [
        {"name": line.name, "status": line.status, "submission": line.submission, "received": line.received,
         "comment": line.comment,
         "groups": [{"group": g, "total": t, "active": a, "percent": _percent(a, t)} for g, t, a in line.figures]}
        for line in lines]})  # fmt: skip


def _percent(active: int, total: int) -> float | None:
    """Two decimals, rounded once from the exact share, as summary.json gives a week's figure."""
    import datetime as dt

    from ...compute.model import WeekFigure

    return WeekFigure(dt.date.min, total, active).percent


def _row(row) -> dict:
    problems = json.loads(row["problems"])
    return {
        "id": row["id"], "organization": row["organization"], "received": row["received"], "name": row["name"],
        "sha256": row["sha256"], "size": row["size"], "week": row["week"], "status": row["status"],
        "problem_count": len(problems),
    }  # fmt: skip


def _problem(problem) -> dict:
    return {"kind": str(problem.kind), "file": problem.file, "sheet": problem.sheet, "row": problem.row,
            "column": problem.column, "value": problem.value, "message": problem.message}  # fmt: skip
