"""Starting the page: bind the socket first, then print the one-time link and open the browser (so
the browser never races the socket), then serve on that socket with one uvicorn worker (the
log-in token and the jobs live in this one process).  The access log is off: the log-in link
holds its token."""

from __future__ import annotations

import socket
import webbrowser


def open_socket(host: str, port: int) -> socket.socket:
    from ..errors import InputError, Problem

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if hasattr(socket, "SO_REUSEPORT"):  # POSIX: a restart binds again while the old connections linger in
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT (Windows' flag would share the port)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError([Problem("bad_option", "--port", f"порт {port} занят или недоступен ({exc.strerror})",
                                  value=str(port), hint="Укажите другой порт: --port 8766, или --port 0 — любой свободный")]) from None  # fmt: skip
    sock.listen(64)
    return sock


def run_server(settings, sock: socket.socket, announce, open_browser: bool) -> None:
    import uvicorn

    from . import create_app

    app = create_app(settings)
    token = app.state.sessions.new_login_token()
    where = f"{settings.scheme}://{settings.public_host}" if settings.public_host else settings.origin
    url = f"{where}/login?token={token}"
    announce(url)
    if open_browser:
        webbrowser.open(url)
    tls = {"ssl_certfile": str(settings.tls[0]), "ssl_keyfile": str(settings.tls[1])} if settings.tls else {}
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", workers=1, **tls)
    uvicorn.Server(config).run(sockets=[sock])


def get_once(settings, path: str) -> tuple[int, str]:
    """One signed-in GET through the app in this process, with no socket opened (``serve --get``:
    a smoke test of the page, as Datasette's ``--get``): the status and the page's text."""
    import asyncio

    from . import create_app
    from .auth import COOKIE

    app = create_app(settings)
    session = app.state.sessions.spend(app.state.sessions.new_login_token())
    route, _, query = path.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": route, "raw_path": route.encode(), "query_string": query.encode(), "root_path": "",
        "client": ("127.0.0.1", 0), "server": (settings.host, settings.port),
        "headers": [(b"host", settings.authority.encode()), (b"cookie", f"{COOKIE}={session}".encode())],
    }  # fmt: skip
    answer = {"status": 500, "body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    asyncio.run(app(scope, receive, send))
    return answer["status"], answer["body"].decode("utf-8", "replace")
