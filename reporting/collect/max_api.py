"""A careful client of the MAX Bot API (dev.max.ru): the calls ``collect`` needs.

- ``GET /messages?chat_id=&from=&to=&count=`` — messages newest first; ``from`` is the newer
  bound and ``to`` the older one (the docs: «to должно быть меньше, чем from»), in milliseconds;
- ``GET /chats/{chatId}/members?count=&marker=`` — members, paged by ``marker``;
- ``GET /updates?marker=&timeout=&types=`` — the bot's events by long polling (``collect --discover``:
  since 2026 there is no ``GET /chats`` list, and a bot learns its chats from ``bot_added``);
- ``GET /chats/{chatId}`` — one chat's title.

The transport is urllib3 (a maintained client, where urllib copied the ``Authorization`` header
onto a redirect to any host): redirects are never followed, so the token reaches no other origin;
a body shorter than its declared length is an error, not a page; connect and read deadlines are
bounded and a whole request has a deadline of its own, so a server that trickles a byte at a time
cannot hold a run.  urllib3's ``Retry`` decides which answers are worth another try and reads
``Retry-After``; the waits themselves are the client's, so that each is bounded (a server asking
for more than ``MAX_RETRY_AFTER`` ends the run at once, saying when to try again), shown as
progress and testable.  TLS trusts the operating system's store (truststore) and ``--ca-file``.

The token goes in the ``Authorization`` header only: it is checked to be header-safe before any
request, and no message, file or log carries it (``_scrubbed`` takes it out of any text that
might).  Requests are spaced to stay under the API's limit (about 30 a second).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import CollectError, InputError, Problem

API = "https://platform-api2.max.ru"
PAGE = 100  # the most GET /messages returns at once
RATE = 25.0  # requests a second, under the API's 30
ATTEMPTS = 6
MAX_RETRY_AFTER = 30.0  # seconds a run waits when asked to; a longer wait ends it, saying when to come back
MAX_BODY = 64 << 20  # one page of 100 messages is a few hundred KB
CHUNK = 1 << 16
_TOKEN = re.compile(r"[!-~]{1,4096}")  # visible ASCII: what an HTTP header can carry as it is
_RETRIED = frozenset({429, 500, 502, 503, 504})


def checked_token(token: str) -> str:
    """The token as it will be sent; InputError, never showing it, when no header can carry it."""
    if not _TOKEN.fullmatch(token):
        raise InputError([Problem("bad_option", "токен бота MAX",
                                  "в токене есть пробел, перевод строки, русская буква или другой недопустимый знак "
                                  "(сам токен не показывается)",
                                  hint="Скопируйте токен заново со страницы бота на платформе MAX — латинские буквы, "
                                       "цифры и знаки без пробелов — и задайте его снова")])  # fmt: skip
    return token


def checked_base(base: str) -> str:
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username or parts.password:
        raise InputError([Problem("bad_option", "--api", "адрес API пишется как https://platform-api2.max.ru",
                                  value=base)])  # fmt: skip
    return base.rstrip("/")


def connections(timeout: float, ca_file: str | None):
    """HTTP connections for a client of this tool (MAX, the district server): no retries of their own,
    whole-request deadlines, TLS through the system's store and ``ca_file``."""
    import ssl

    import urllib3

    try:
        import truststore

        context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # the system's store, as the browser's
    except ImportError:  # pragma: no cover - a platform without it: Python's own default store
        context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return urllib3.PoolManager(
        num_pools=2, maxsize=1, ssl_context=context, retries=False,
        timeout=urllib3.Timeout(connect=min(timeout, 15.0), read=timeout),
    )  # fmt: skip


@dataclass
class Client:
    token: str
    base: str = API
    timeout: float = 30.0  # one request, whole: connect, headers and body
    rate: float = RATE
    attempts: int = ATTEMPTS
    pause: float = 0.5  # the first retry's wait; doubles each time
    sleep: Callable[[float], None] | None = None  # time.sleep; tests pass a recorder
    progress: Callable[[str], None] = lambda line: None
    ca_file: str | None = None
    _last: float = 0.0
    _pool: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.token = checked_token(self.token)
        self.base = checked_base(self.base)

    def __repr__(self) -> str:  # the dataclass repr would print the token
        return f"Client(base={self.base!r})"

    def messages(self, chat: str, newer_ms: int, older_ms: int) -> list[dict]:
        page = self._get("/messages", {"chat_id": chat, "from": newer_ms, "to": older_ms, "count": PAGE})
        messages = page.get("messages") if isinstance(page, dict) else None
        if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
            raise CollectError("ответ GET /messages не той формы: нет списка «messages»")
        return messages

    def members(self, chat: str, max_pages: int) -> list[dict]:
        found, marker, seen = [], None, set()
        for _ in range(max_pages):
            params = {"count": 100, **({"marker": marker} if marker else {})}
            page = self._get(f"/chats/{urllib.parse.quote(str(chat))}/members", params)
            members = page.get("members") if isinstance(page, dict) else None
            if not isinstance(members, list):
                raise CollectError("ответ GET /chats/{chatId}/members не той формы: нет списка «members»")
            found += members
            marker = page.get("marker")
            if not marker or not members:
                return found
            if str(marker) in seen:
                raise CollectError("список участников не кончается: MAX вернул ту же страницу снова (marker "
                                   "повторился) — остановлено")  # fmt: skip
            seen.add(str(marker))
        raise CollectError(f"список участников длиннее {max_pages} страниц — остановлено (--max-pages)")

    def updates(self, marker: int | None, wait: int) -> tuple[list[dict], int | None]:
        """Events for up to ``wait`` seconds (long polling, at most 90), and the marker to ask from next."""
        params = {"timeout": max(0, min(wait, 90)), "limit": 100, **({"marker": marker} if marker is not None else {})}
        page = self._get("/updates", params, deadline=self.timeout + wait)
        found = page.get("updates") if isinstance(page, dict) else None
        if not isinstance(found, list):
            raise CollectError("ответ GET /updates не той формы: нет списка «updates»")
        following = page.get("marker")
        return [u for u in found if isinstance(u, dict)], following if type(following) is int else marker

    def chat(self, chat: str) -> dict:
        page = self._get(f"/chats/{urllib.parse.quote(str(chat))}", {})
        return page if isinstance(page, dict) else {}

    def _get(self, path: str, params: dict, deadline: float | None = None) -> object:
        import urllib3

        if self._pool is None:
            self._pool = connections(self.timeout, self.ca_file)
        url = f"{self.base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
        policy = urllib3.util.Retry(total=None, status_forcelist=_RETRIED, allowed_methods={"GET"})
        wait, last_error = self.pause, ""
        for attempt in range(1, self.attempts + 1):
            self._space()
            try:
                status, headers, body = self._fetch(url, deadline or self.timeout)
            except urllib3.exceptions.SSLError as exc:
                raise CollectError(_tls_message(self.base, exc)) from None
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                last_error = _network_message(exc)
            else:
                if 300 <= status < 400:
                    raise CollectError(_redirect_message(path, status, self.base, headers.get("Location")))
                if status < 300:
                    try:
                        return json.loads(body)
                    except (ValueError, RecursionError):
                        raise CollectError(f"ответ {path} — не JSON (страница повреждена)") from None
                _refused(path, status, body)
                if not policy.is_retry("GET", status, has_retry_after="Retry-After" in headers):
                    raise CollectError(
                        f"{path}: MAX ответил {status}" + (f" ({_code(body)[2:]})" if _code(body) else "")
                    )
                last_error = f"MAX ответил {status}"
                asked = _retry_after(policy, headers.get("Retry-After"))
                if asked is not None and asked > MAX_RETRY_AFTER:
                    back = dt.datetime.now() + dt.timedelta(seconds=asked)
                    raise CollectError(f"{path}: MAX просит подождать {asked:.0f} с — запустите collect снова после "
                                       f"{back:%d.%m.%Y %H:%M}; скачанное не потеряется")  # fmt: skip
                if asked is not None:
                    wait = max(wait, asked)
            if attempt < self.attempts:
                self.progress(
                    f"{path}: {last_error}; повтор через {wait:.1f} с (попытка {attempt + 1} из {self.attempts})"
                )
                self._wait(wait)
                wait = min(wait * 2, MAX_RETRY_AFTER)
        raise CollectError(f"{path}: {last_error}, попыток: {self.attempts}")

    def _fetch(self, url: str, seconds: float) -> tuple[int, dict, bytes]:
        """One request with a deadline for the whole of it: the body is read a chunk at a time,
        the socket's timeout shrinking to what is left, so a trickle cannot stretch it."""
        deadline = time.monotonic() + seconds
        import urllib3

        response = self._pool.request(
            "GET", url, headers={"Authorization": self.token, "Accept": "application/json"},
            redirect=False, preload_content=False, enforce_content_length=True,
            timeout=urllib3.Timeout(connect=min(seconds, 15.0), read=seconds),  # a long poll waits longer
        )  # fmt: skip
        try:
            parts, size = [], 0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("timed out")
                sock = getattr(getattr(response, "connection", None), "sock", None)
                if sock is not None:
                    sock.settimeout(left)
                part = response.read1(CHUNK)
                if not part:
                    break
                size += len(part)
                if size > MAX_BODY:
                    raise CollectError(f"ответ больше {MAX_BODY >> 20} МБ — это не страница MAX")
                parts.append(part)
            return response.status, response.headers, b"".join(parts)
        finally:
            response.release_conn()

    def _space(self) -> None:
        gap = 1.0 / self.rate - (time.monotonic() - self._last)
        if gap > 0:
            self._wait(gap)
        self._last = time.monotonic()

    def _wait(self, seconds: float) -> None:
        (self.sleep or _sleep)(seconds)


def _sleep(seconds: float) -> None:  # the module's own name for it, so that a test can make waits instant
    time.sleep(seconds)


def _retry_after(policy, value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isascii() and value.strip().isdigit():
        return float(value.strip()[:12])  # as asked: urllib3 would cap it at six hours
    try:
        return policy.parse_retry_after(value)  # seconds, or an HTTP date
    except Exception:  # noqa: BLE001 (urllib3's InvalidHeader, or a date it cannot read): no wait asked
        return None


def _code(body: bytes) -> str:
    """The answer's own ``code`` (MAX's errors carry one), as text safe to show."""
    try:
        code = json.loads(body).get("code")
    except (ValueError, AttributeError, RecursionError):
        return ""
    return f", код {code}" if isinstance(code, str) and re.fullmatch(r"[\w.\-]{1,64}", code) else ""


# MAX's error answers carry a ``code``: what each means for the clerk, and what to do
CODE_HINTS = {
    "verify.token": "токен бота неверен или отозван: скопируйте его заново на платформе MAX (Чат-боты → ⋮ → Настройки)",
    "access.denied": "боту нельзя читать этот чат: сделайте его администратором чата с правом читать сообщения",
    "chat.denied": "боту нельзя читать этот чат: сделайте его администратором чата с правом читать сообщения",
    "chat.not.found": "такого чата нет или бот в нём не состоит: найдите id чатов командой collect --discover",
    "not.found": "не найдено: проверьте id чата (collect --discover покажет id чатов бота)",
    "too.many.requests": "MAX просит реже: запустите collect позже — скачанное не потеряется",
    "service.unavailable": "MAX временно недоступен: запустите collect позже — скачанное не потеряется",
}


def _hint(body: bytes) -> str:
    try:
        code = json.loads(body).get("code")
    except (ValueError, AttributeError, RecursionError):
        return ""
    return CODE_HINTS.get(code, "") if isinstance(code, str) else ""


def _refused(path: str, status: int, body: bytes) -> None:
    hint = _hint(body)
    if status in (401, 403):
        raise CollectError(
            f"MAX не принял запрос ({status}{_code(body)}): "
            + (hint or "проверьте токен бота и что бот — администратор чата"),
            refused=True,
        )
    if status == 404:
        raise CollectError(f"{path}: не найдено (404{_code(body)}) — "
                           + (hint or "проверьте id чата и что бот в нём состоит"))  # fmt: skip
    if hint and status not in _RETRIED:
        raise CollectError(f"{path}: MAX ответил {status}{_code(body)} — {hint}")


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or '?'}" + (f":{parts.port}" if parts.port else "")


def _redirect_message(path: str, status: int, base: str, location: str | None) -> str:
    target = _origin(urllib.parse.urljoin(base + "/", location or "")) if location else "неизвестный адрес"
    return (f"{path}: сервер перенаправляет запрос ({status}) на {target} — по перенаправлениям программа не ходит, "
            f"токен туда не отправлен. Проверьте адрес API (--api): нужен сам адрес {_origin(base)} без перенаправлений")  # fmt: skip


def _network_message(exc: BaseException) -> str:
    text = str(exc)
    if "timed out" in text or isinstance(exc, TimeoutError):
        return "нет ответа вовремя"
    if "IncompleteRead" in text or "ProtocolError" in type(exc).__name__ or "Connection broken" in text:
        return "ответ оборван: пришло меньше, чем объявлено"
    reason = getattr(exc, "reason", None) or exc
    return f"сеть: {type(reason).__name__}"


def _issuer(base: str) -> str:
    """Who issued the certificate the server shows («Russian Trusted Sub CA»), read from a handshake of
    its own that sends nothing (no request, no token) and trusts nothing; "" when it cannot be had."""
    import socket
    import ssl

    parts = urllib.parse.urlsplit(base)
    look = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    look.check_hostname, look.verify_mode = False, ssl.CERT_NONE
    try:
        with socket.create_connection((parts.hostname, parts.port or 443), timeout=5) as raw, \
                look.wrap_socket(raw, server_hostname=parts.hostname) as tls:  # fmt: skip
            der = tls.getpeercert(binary_form=True)
        from cryptography import x509
        from cryptography.x509.oid import NameOID

        names = x509.load_der_x509_certificate(der).issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    except (OSError, ValueError, ImportError):
        return ""
    return str(names[0].value)[:120] if names else ""


def _tls_message(base: str, exc: BaseException) -> str:
    issued = _issuer(base)
    root = "Russian Trusted Root CA (Минцифры)" if "max.ru" in base else "корневой сертификат сервера"
    if issued:
        root = (f"его выдал «{issued}»" + (", корень — Russian Trusted Root CA (Минцифры)"
                                          if "Russian Trusted" in issued or "max.ru" in base else ""))  # fmt: skip
    issuer = root
    return (
        f"не удалось проверить сертификат {_origin(base)}: компьютер не доверяет его корневому сертификату ({issuer}). "
        "Установите корневой сертификат Минцифры (страница «Сертификаты Минцифры» на Госуслугах: для Windows — "
        "установщик; для Astra, РЕД ОС и Альт — пакет ca-certificates-russian или файл в /usr/local/share/ca-certificates "
        "и команда update-ca-certificates) или укажите файл сертификата: --ca-file russian_trusted_root_ca.pem. "
        "Проверка сертификата не отключается"
    )
