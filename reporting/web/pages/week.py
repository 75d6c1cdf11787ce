"""The week: the last monitored week's coverage and who is below the threshold (what ``check``
prints), and the weekly return for the district (``make-report week``)."""

from __future__ import annotations

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import FileResponse

from ... import api
from ...errors import ReportError
from ..render import failure, page


async def index(request: Request):
    from ...render.console import status_lines

    settings = request.app.state.settings
    report = await to_thread.run_sync(api.check, settings.inputs)
    lines = status_lines(report.status) if report.status is not None else []
    return page(request, "week.html", valid=report.valid, count=len(report.problems) + report.more, lines=lines)


async def return_file(request: Request):
    """Write (or find unchanged) this week's return, and hand over its workbook.  A GET that writes:
    the cookie is SameSite=Strict, so no other site can make it, and the same inputs give the same file."""
    settings = request.app.state.settings
    try:
        written = await to_thread.run_sync(api.weekly_return, settings.inputs, settings.outputs)
    except ReportError as exc:
        return failure(request, exc, "week_failed.html")
    path = written.folder / "return.xlsx"
    return FileResponse(path, filename=f"return-{written.week:%Y-%m-%d}.xlsx")
