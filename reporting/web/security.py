"""The page's guard, as one pure ASGI middleware run before any view, in this order:

1. ``Host`` must be this server's own address and port (DNS rebinding: 400);
2. every answer gets the security headers (CSP with no inline script, no framing, no sniffing,
   no referrer: the log-in link holds a token, no caching);
3. a session is required everywhere but the log-in link and the static files (401);
4. a state-changing request needs a same-origin ``Origin`` (and ``Sec-Fetch-Site``, when the browser
   sends it) and the session's CSRF token in ``X-CSRF-Token`` (403), checked before its body is read;
5. a body over the cap is 413, by ``Content-Length`` and by counting what arrives.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie

from .auth import COOKIE, Sessions
from .settings import WebSettings

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
OPEN_PATHS = ("/login", "/static/", "/enter")  # /enter: a school's key (district server), checked by its view
SCHOOL_PATHS = ("/submit", "/static/", "/logout", "/enter")  # all a school's session may reach
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # same-origin: no other site learns an address of the page (the log-in link holds a token), while a
    # form of the page still sends its real Origin (with no-referrer, browsers send «Origin: null»)
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class TooLarge(Exception):
    pass


class Guard:
    def __init__(self, app, settings: WebSettings, sessions: Sessions):
        self.app = app
        self.settings = settings
        self.sessions = sessions
        self.hosts = settings.allowed_hosts()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        send = _with_security_headers(send)
        if headers.get("host", "") not in self.hosts:
            return await _answer(send, 400, "Неверный заголовок Host: страница открывается только по адресу, "
                                            "который напечатала команда make-report serve.")  # fmt: skip
        path = scope.get("path", "")
        session_id = _cookie(headers.get("cookie", ""))
        session = self.sessions.find(session_id)
        # the district's API for scripts: a bearer key and no cookie (a browser's ambient credentials
        # never ride along), checked by the API itself; no session, so no CSRF to forge
        bearer = self.settings.district and path.startswith("/api/") and "cookie" not in headers \
            and headers.get("authorization", "").lower().startswith("bearer ")  # fmt: skip
        if session is None and not path.startswith(OPEN_PATHS) and not bearer:
            return await _answer(send, 401, "Нужен вход: откройте ссылку, которую напечатала команда make-report "
                                            "serve (она действует один раз), или запустите serve заново.")  # fmt: skip
        if session is not None and session.actor is not None and not path.startswith(SCHOOL_PATHS):
            return await _answer(send, 403, "Школе с ключом доступна только страница отправки отчётов: /submit.")
        if scope["method"] not in SAFE_METHODS and not bearer:
            # entering a key has no session yet: the same-origin check alone (the key itself is the secret)
            refused = self._cross_site(headers, session, token_needed=not path.startswith("/enter"))
            if refused:
                return await _answer(send, 403, refused)
        if scope["method"] not in SAFE_METHODS:
            length = headers.get("content-length", "")
            if length and (not length.isdigit() or int(length) > self.settings.upload_cap):
                return await _answer(send, 413, _too_large(self.settings.upload_cap))
        scope.setdefault("state", {})["session"] = session
        scope["state"]["session_id"] = session_id
        started = False

        async def counted_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _capped(receive, self.settings.upload_cap), counted_send)
        except TooLarge:
            if not started:
                await _answer(send, 413, _too_large(self.settings.upload_cap))

    def _cross_site(self, headers: dict[str, str], session, token_needed: bool = True) -> str:
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return "Запрос пришёл с другого сайта и отклонён."
        if headers.get("origin") != f"{self.settings.scheme}://{headers.get('host', '')}":
            return "Запрос без подходящего заголовка Origin отклонён: действуйте со страницы make-report."
        token = headers.get("x-csrf-token", "")
        if token_needed and (session is None or not token or not secrets.compare_digest(token, session.csrf)):
            return "Запрос без ключа формы (CSRF) отклонён: обновите страницу и повторите."
        return ""


def _headers(scope) -> dict[str, str]:
    found = {}
    for name, value in scope.get("headers", []):
        key = name.decode("latin-1").lower()
        if key in found and key in ("host", "origin", "content-length"):
            found[key] = "\0duplicate"  # two Host or Origin headers: matches nothing
        else:
            found[key] = value.decode("latin-1")
    return found


def _cookie(header: str) -> str | None:
    try:
        cookies = SimpleCookie()
        cookies.load(header)
    except Exception:  # a malformed Cookie header is no session
        return None
    morsel = cookies.get(COOKIE)
    return morsel.value if morsel else None


def _with_security_headers(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(n, v) for n, v in HEADERS if n not in present]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped


def _capped(receive, cap: int):
    total = 0

    async def wrapped():
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > cap:
                raise TooLarge()
        return message

    return wrapped


def _too_large(cap: int) -> str:
    return f"Файлы слишком большие: за один раз можно отправить не больше {cap >> 20} МБ. Отправьте их по частям."


async def _answer(send, status: int, message: str) -> None:
    """A short plain page: the guard answers before any template or view is reached."""
    from html import escape

    body = (
        '<!doctype html><html lang="ru"><meta charset="utf-8"><title>make-report</title>'
        f"<p>{escape(message)}</p></html>"
    ).encode()
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})
