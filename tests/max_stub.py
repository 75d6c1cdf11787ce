"""A MAX Bot API of our own on 127.0.0.1, for collect's tests: GET /messages (newest first,
``from`` the newer bound, ``to`` the older, ``count`` at most 100) and GET /chats/{id}/members
(paged by ``marker``), serving the fixtures of ``fixtures/max_api/``, with faults on demand."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "max_api"
TOKEN = "test-token-5f3a9c"


class Stub:
    def __init__(self, tls: tuple[Path, Path] | None = None):
        self.messages = json.loads((FIXTURES / "chat_5001_messages.json").read_text(encoding="utf-8"))
        self.members = json.loads((FIXTURES / "chat_5001_members.json").read_text(encoding="utf-8"))
        self.faults: list[str] = []  # consumed one per request: "429", "500", "timeout", "malformed", "refuse"
        self.requests: list[str] = []
        self.seen_tokens: set[str] = set()
        self.behaviour = None  # a hostile server's answer to every request: behaviour(stub, handler, query)
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 (http.server's name)
                stub.handle(self)

        self.updates: list[list[dict]] = []  # GET /updates: each poll takes the next batch (none: an empty poll)
        self.chats: dict[str, dict] = {}  # GET /chats/{id}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls is not None:  # HTTPS with the given certificate: for the client's certificate checks
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def send(self, handler, code: int, body: object, headers: dict | None = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        handler.send_response(code)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def handle(self, handler) -> None:
        url = urllib.parse.urlsplit(handler.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.requests.append(handler.path)
        self.seen_tokens.add(handler.headers.get("Authorization", ""))
        if self.behaviour is not None:
            return self.behaviour(self, handler, query)
        fault = self.faults.pop(0) if self.faults else None
        if fault == "timeout":
            time.sleep(1.5)
        if fault == "429":
            return self.send(
                handler, 429, {"code": "too.many.requests", "message": "Too many requests"}, {"Retry-After": "0"}
            )
        if fault == "500":
            return self.send(handler, 500, {"code": "internal", "message": "Internal error"})
        if fault == "malformed":
            return self.send(handler, 200, b'{"messages": [{"sender": ')
        if fault == "refuse" or handler.headers.get("Authorization") != TOKEN:
            return self.send(handler, 401, {"code": "verify.token", "message": "Invalid access_token"})
        if url.path == "/messages":
            newer, older = int(query.get("from", 2**62)), int(query.get("to", 0))
            count = min(int(query.get("count", 50)), 100)
            found = [
                m
                for m in self.messages
                if older <= m["timestamp"] <= newer and str(m["recipient"]["chat_id"]) == query.get("chat_id")
            ]
            found.sort(key=lambda m: m["timestamp"], reverse=True)
            return self.send(handler, 200, {"messages": found[:count]})
        if url.path == "/updates":
            if not self.updates:
                time.sleep(min(float(query.get("timeout", 0)), 0.2))  # a real server holds the poll open
                return self.send(handler, 200, {"updates": [], "marker": int(query.get("marker", 0) or 0)})
            batch = self.updates.pop(0)
            return self.send(handler, 200, {"updates": batch, "marker": int(query.get("marker", 0) or 0) + len(batch)})
        if url.path.startswith("/chats/") and url.path.count("/") == 2 and url.path[7:] in self.chats:
            return self.send(handler, 200, self.chats[url.path[7:]])
        if url.path == "/chats/5001/members":
            start = int(query.get("marker", 0))
            page = self.members[start : start + 2]
            marker = start + 2 if start + 2 < len(self.members) else None
            return self.send(handler, 200, {"members": page, "marker": marker})
        return self.send(handler, 404, {"code": "not.found", "message": "Not found"})
