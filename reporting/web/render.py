"""Pages and their parts from the shipped templates (autoescaped, sandboxed), and the one place
that turns the library's exceptions and HTTP errors into Russian pages with their status."""

from __future__ import annotations

import functools

from jinja2 import PackageLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..errors import InputError, PackageExists, PackageNotFound, ReportError, SetupError, VerificationError

# One exception tree, one table: what the command's exit code says, the page's status says
STATUS = ((PackageNotFound, 404), (InputError, 422), (PackageExists, 409), (VerificationError, 409),
          (SetupError, 503), (ReportError, 500))  # fmt: skip
HTTP_TEXT = {
    404: "Такой страницы нет.",
    405: "Так к этой странице обратиться нельзя.",
    500: "Внутренняя ошибка программы. Данные не изменены; повторите действие или перезапустите make-report serve.",
}


@functools.cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=PackageLoader("reporting.web", "templates"), autoescape=select_autoescape(default=True),
        trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    from ..render.formatting import percent, points

    env.filters["percent"] = percent  # shares as the documents print them: «84,7 %», «+40,7 п. п.»
    env.filters["points"] = points
    env.filters["moment"] = moment
    env.filters["day"] = day
    return env


def moment(stamp: str | None) -> str:
    """A stored ISO time («2026-12-07T11:03:00+00:00») as the page shows it: «07.12.2026 11:03»."""
    import datetime as dt

    if not stamp:
        return ""
    try:
        return f"{dt.datetime.fromisoformat(stamp):%d.%m.%Y %H:%M}"
    except ValueError:
        return stamp


def day(stamp: str | None) -> str:
    """A stored ISO date («2027-08-31») as the page shows it: «31.08.2027»."""
    import datetime as dt

    try:
        return f"{dt.date.fromisoformat(stamp or ''):%d.%m.%Y}"
    except ValueError:
        return stamp or ""


def is_partial(request: Request) -> bool:
    """An htmx request wants the part it swaps, not the whole page."""
    return request.headers.get("hx-request") == "true"


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    session = request.scope.get("state", {}).get("session")
    context.setdefault("csrf", session.csrf if session else "")
    context.setdefault("district", request.app.state.settings.district)
    context.setdefault("school_session", session is not None and session.actor is not None)
    context.setdefault("path", request.url.path)
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


def failure(request: Request, exc: BaseException, template: str = "_failure.html", **context) -> HTMLResponse:
    """A library exception as its part of the page, with its status."""
    status = next((code for kind, code in STATUS if isinstance(exc, kind)), 500)
    if isinstance(exc, InputError):
        return page(request, template, status, problems=exc.problems, more=exc.more, lines=[], **context)
    lines = [str(exc), *getattr(exc, "findings", [])] if isinstance(exc, ReportError) else [HTTP_TEXT[500]]
    return page(request, template, status, problems=[], more=0, lines=lines, **context)


async def error_page(request: Request, exc: Exception) -> HTMLResponse:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    text = HTTP_TEXT.get(status, exc.detail if isinstance(exc, HTTPException) else HTTP_TEXT[500])
    return page(request, "error.html", status, message=text)
