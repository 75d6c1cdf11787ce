"""Signing in with the one-time link ``serve`` printed, and signing out."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse

from ..auth import COOKIE, set_session_cookie
from ..render import page


async def login(request: Request):
    state = request.app.state
    if request.scope["state"].get("session") is not None:  # already signed in: the link has done its job
        return RedirectResponse("/", status_code=303)
    session_id = state.sessions.spend(request.query_params.get("token", ""))
    if session_id is None:
        return page(request, "error.html", 403, message="Эта ссылка для входа уже использована или неверна. "
                    "Запустите make-report serve заново: он напечатает новую ссылку.")  # fmt: skip
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, session_id, state.settings)
    return response


async def logout(request: Request):
    request.app.state.sessions.end(request.scope["state"].get("session_id"))
    response = page(request, "error.html", 200, message="Вы вышли. Чтобы войти снова, запустите make-report serve.")
    response.delete_cookie(COOKIE, path="/")
    return response
