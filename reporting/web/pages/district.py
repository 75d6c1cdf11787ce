"""The district server's pages: a school enters its key and sends its weekly return (``/enter``,
``/submit``); the district's board of every organisation's status and coverage, with its decisions
(``/board``).  The figures and statuses come from ``reporting.district``; nothing is decided here."""

from __future__ import annotations

import datetime as dt
import json

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ...district.keys import operator
from ...district.statuses import ACCEPTED, RETURNED, board_rows, decide
from ...district.submissions import receive
from ...errors import InputError
from ...render.board_xlsx import board_workbook, group_label
from ..auth import set_session_cookie
from ..render import is_partial, page
from . import consolidation

STATUSES = ("нет данных", "получено", "есть ошибки", RETURNED, ACCEPTED)


async def enter(request: Request):
    """A school's key, typed once: a session scoped to its organisation replaces it."""
    state = request.app.state
    if request.method == "GET":
        return page(request, "enter.html", failed=False)
    address = request.client.host if request.client else "?"
    if state.attempts.blocked(address):
        return page(request, "enter.html", 429, failed=True, message="Слишком много попыток с неверным ключом. "
                    "Повторите через 10 минут.")  # fmt: skip
    async with request.form(max_files=0, max_fields=3) as form:
        key = str(form.get("key", "")).strip()
    actor = await to_thread.run_sync(state.store.actor, key)
    if actor is None or actor.is_district:
        state.attempts.failed(address)
        return page(request, "enter.html", 401, failed=True, message="Ключ не подошёл: он неверен, отозван или его "
                    "срок истёк. Ключ района вводится не здесь: специалист района входит по ссылке serve.")  # fmt: skip
    session_id = state.sessions.open_for(actor)
    response = RedirectResponse("/submit", status_code=303)
    set_session_cookie(response, session_id, state.settings)
    return response


def _school(request: Request):
    session = request.scope["state"].get("session")
    return session.actor if session is not None else None


async def submit(request: Request):
    """The school's page: send the return, and see every submission with its status, problems and the
    district's comments."""
    actor = _school(request)
    if actor is None:
        return RedirectResponse("/board", status_code=303)
    store, received = request.app.state.store, None
    if request.method == "POST":
        async with request.form(max_files=1, max_fields=3) as form:
            item = form.get("file")
            if hasattr(item, "read"):
                name, data = str(item.filename or "return.xlsx"), await item.read()
                try:
                    received = await to_thread.run_sync(
                        receive, store, request.app.state.settings.inputs, actor, name, data
                    )
                except InputError as exc:
                    received = exc
    rows = await to_thread.run_sync(store.submissions, actor)
    history = []
    for row in rows[:50]:
        reviews = await to_thread.run_sync(store.reviews, actor, row["id"])
        history.append({"row": row, "problems": json.loads(row["problems"]), "reviews": reviews,
                        "status": reviews[-1]["status"] if reviews else row["status"]})  # fmt: skip
    template = "_submit.html" if is_partial(request) else "submit.html"
    return page(request, template, organization=actor.organization, received=received, history=history)


def _week(request: Request) -> dt.date:
    try:
        week = dt.date.fromisoformat(request.query_params.get("week", ""))
    except ValueError:
        week = dt.date.today()
    return week - dt.timedelta(days=week.weekday())


async def board(request: Request):
    settings, week = request.app.state.settings, _week(request)
    status, worst = request.query_params.get("status", ""), request.query_params.get("worst", "")
    groups, rows = await to_thread.run_sync(board_rows, request.app.state.store, settings.inputs, week, status, worst)
    jobs = request.app.state.jobs  # None only before the server's start-up (tests without its lifespan)
    last = await to_thread.run_sync(jobs.last, "consolidate") if jobs is not None else None
    return page(request, "board.html", week=week, consolidation=consolidation.view(last, settings.outputs), groups=[(g, group_label(g)) for g in groups], rows=rows,
                chosen_status=status, worst=worst, statuses=STATUSES, previous=week - dt.timedelta(days=7),
                following=week + dt.timedelta(days=7))  # fmt: skip


async def board_xlsx(request: Request):
    settings, week = request.app.state.settings, _week(request)
    groups, rows = await to_thread.run_sync(board_rows, request.app.state.store, settings.inputs, week,
                                            request.query_params.get("status", ""), request.query_params.get("worst", ""))  # fmt: skip
    data = await to_thread.run_sync(board_workbook, week, groups, rows)
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"content-disposition": f"attachment; filename=svod-{week.isoformat()}.xlsx"})  # fmt: skip


async def review(request: Request):
    """The district's decision from the board: return with a comment, or accept."""
    state = request.app.state
    async with request.form(max_files=0, max_fields=5) as form:
        number, decision, comment = (str(form.get(k, "")) for k in ("submission", "status", "comment"))
    if not number.isdigit():
        return page(request, "_failure.html", 404, problems=[], more=0, lines=["Такой отправки нет."])
    district = _district_actor(state)
    try:
        status = await to_thread.run_sync(decide, state.store, district, int(number), decision, comment)
    except InputError as exc:
        return page(request, "_failure.html", 422, problems=[], more=0, lines=[exc.problems[0].message + "."])
    except LookupError:
        return page(request, "_failure.html", 404, problems=[], more=0, lines=["Такой отправки нет."])
    return page(request, "_decided.html", decided=status, number=number)


def _district_actor(state):
    """The serve operator's actor, found once per server (``district.keys.operator``)."""
    if getattr(state, "board_actor", None) is None:
        state.board_actor = operator(state.store)
    return state.board_actor
