"""Who may use the page: a one-time log-in token (printed by ``serve``), spent on first use and
replaced by a session cookie (HttpOnly, SameSite=Strict).  Tokens and session ids are kept only
as SHA-256 hashes; each session has its CSRF token, which every state-changing request carries."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field

COOKIE = "make_report_session"


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Session:
    csrf: str
    expires: float
    actor: object = None  # None: whoever started serve (the one-time link); else a school's district.store.Actor


@dataclass
class Sessions:
    lifetime: float  # seconds
    _token_hash: str | None = None
    _sessions: dict[str, Session] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def new_login_token(self) -> str:
        """A fresh one-time token (256 bits); only its hash is kept.  The caller prints it once."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._token_hash = _hash(token)
        return token

    def spend(self, token: str) -> str | None:
        """A new session id for the right token, once; None for a wrong or spent one."""
        with self._lock:
            expected = self._token_hash
            if expected is None or not secrets.compare_digest(_hash(token), expected):
                return None
            self._token_hash = None
            return self._open(None)

    def open_for(self, actor) -> str:
        """A session for a school that entered its key (the district server)."""
        with self._lock:
            return self._open(actor)

    def _open(self, actor) -> str:
        session_id = secrets.token_urlsafe(32)
        self._sessions[_hash(session_id)] = Session(secrets.token_urlsafe(32), time.time() + self.lifetime, actor)
        return session_id

    def find(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            found = self._sessions.get(_hash(session_id))
            if found is not None and found.expires < time.time():
                del self._sessions[_hash(session_id)]
                return None
            return found

    def end(self, session_id: str | None) -> None:
        if session_id:
            with self._lock:
                self._sessions.pop(_hash(session_id), None)


def set_session_cookie(response, session_id: str, settings) -> None:
    """The session's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
    it), Secure under TLS, for a working day."""
    response.set_cookie(COOKIE, session_id, max_age=int(settings.session_hours * 3600), path="/", httponly=True,
                        samesite="strict", secure=settings.tls is not None)  # fmt: skip
