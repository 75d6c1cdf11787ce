"""The web face: ``make-report serve``, a page for one school over the same library as the command.

``create_app(settings)`` returns the ASGI app (Starlette) with its guard (``security.Guard``), its
sessions and its job runner on ``app.state``; views live in ``pages/`` and hold no logic of their
own: every figure, problem and document comes from ``reporting.api``.
"""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .auth import Sessions
from .pages import archive, build, data, layout, login, school, week
from .render import error_page
from .settings import WebSettings


def routes() -> list:
    """Every address the page answers, in one table."""
    return [
        Route("/login", login.login),
        Route("/logout", login.logout, methods=["POST"]),
        Route("/", data.index),
        Route("/upload", data.upload, methods=["POST"]),
        Route("/upload/choose", data.choose, methods=["POST"]),
        Route("/check", data.check, methods=["POST"]),
        Route("/preview", data.preview),
        Route("/problems.xlsx", data.problems_xlsx),
        Route("/school", school.index),
        Route("/school", school.save, methods=["POST"]),
        Route("/layout", layout.index),
        Route("/layout", layout.save, methods=["POST"]),
        Route("/layout/counts", layout.counts, methods=["POST"]),
        Route("/build", build.form),
        Route("/build", build.start, methods=["POST"]),
        Route("/jobs/{job_id:str}", build.job),
        Route("/file", archive.file),
        Route("/zip", archive.zip_file),
        Route("/archive", archive.index),
        Route("/sign", archive.sign, methods=["POST"]),
        Route("/week", week.index),
        Route("/week/return.xlsx", week.return_file),
        Mount("/static", StaticFiles(packages=[("reporting.web", "static")]), name="static"),
    ]


def district_routes() -> list:
    """The district server's own addresses (``serve --district``)."""
    from .pages import consolidation, district, district_api, keys

    return [
        Route("/enter", district.enter, methods=["GET", "POST"]),
        Route("/submit", district.submit, methods=["GET", "POST"]),
        Route("/board", district.board),
        Route("/board.xlsx", district.board_xlsx),
        Route("/board/review", district.review, methods=["POST"]),
        Route("/board/consolidate", consolidation.start, methods=["POST"]),
        Route("/keys", keys.index),
        Route("/keys", keys.add, methods=["POST"]),
        Route("/keys/revoke", keys.revoke, methods=["POST"]),
        Route("/keys/sheet", keys.sheet, methods=["POST"]),
        Route("/board/consolidation/{job_id:str}", consolidation.job),
        Route("/api/v1/submissions", district_api.submit, methods=["POST"]),
        Route("/api/v1/submissions", district_api.submissions),
        Route("/api/v1/submissions/{submission_id}", district_api.submission),
        Route("/api/v1/submissions/{submission_id}/review", district_api.review, methods=["POST"]),
        Route("/api/v1/status", district_api.status),
    ]


def create_app(settings: WebSettings, jobs=None) -> Starlette:
    """The app for ``settings``.  ``jobs``: a runner to share (tests); by default one is made at start-up."""
    from .jobs import Jobs
    from .security import Guard

    @contextlib.asynccontextmanager
    async def lifespan(app):
        own = app.state.jobs is None
        if own:
            app.state.jobs = Jobs(journal=getattr(app.state, "store", None))  # the district's: in its database
            app.state.resumed = app.state.jobs.resume()
        try:
            yield
        finally:
            if own:
                app.state.jobs.close()

    app = Starlette(
        routes=[*district_routes(), *routes()] if settings.district else routes(),
        exception_handlers={HTTPException: error_page, Exception: error_page},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.sessions = Sessions(settings.session_hours * 3600)
    app.state.jobs = jobs
    app.state.uploads = {}  # upload id -> (file name, bytes): a table waiting for the clerk's choice
    if settings.district:
        from ..district.keys import store_of
        from ..district.submissions import reconcile
        from .pages.district_api import Attempts

        app.state.store = store_of(settings.outputs)
        app.state.reconciled = reconcile(app.state.store)  # files never acknowledged go; rows keep theirs
        app.state.attempts = Attempts()
    app.add_middleware(Guard, settings=settings, sessions=app.state.sessions)
    return app


__all__ = ["WebSettings", "create_app"]
