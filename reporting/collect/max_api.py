"""A small client of the MAX Bot API (dev.max.ru): the two calls ``collect`` needs.

- ``GET /messages?chat_id=&from=&to=&count=`` — messages newest first; ``from`` is the newer
  bound and ``to`` the older one (the docs: «to должно быть меньше, чем from»), in milliseconds;
- ``GET /chats/{chatId}/members?count=&marker=`` — members, paged by ``marker``.

The token goes in the ``Authorization`` header only: it is never part of a URL, a message, a
file or a log.  Requests are spaced to stay under the API's limit (about 30 a second); 429 and
5xx answers and timeouts are retried with a growing pause (``Retry-After`` honoured).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from ..errors import CollectError

API = "https://platform-api2.max.ru"
PAGE = 100  # the most GET /messages returns at once
RATE = 25.0  # requests a second, under the API's 30
ATTEMPTS = 6


@dataclass
class Client:
    token: str
    base: str = API
    timeout: float = 30.0
    rate: float = RATE
    attempts: int = ATTEMPTS
    pause: float = 0.5  # the first retry's wait; doubles each time
    sleep: object = time.sleep  # tests pass a recorder
    _last: float = 0.0

    def __repr__(self) -> str:  # the dataclass repr would print the token
        return f"Client(base={self.base!r})"

    def messages(self, chat: str, newer_ms: int, older_ms: int) -> list[dict]:
        page = self._get("/messages", {"chat_id": chat, "from": newer_ms, "to": older_ms, "count": PAGE})
        messages = page.get("messages") if isinstance(page, dict) else None
        if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
            raise CollectError("ответ GET /messages не той формы: нет списка «messages»")
        return messages

    def members(self, chat: str) -> list[dict]:
        found, marker = [], None
        while True:
            params = {"count": 100, **({"marker": marker} if marker else {})}
            page = self._get(f"/chats/{urllib.parse.quote(str(chat))}/members", params)
            members = page.get("members") if isinstance(page, dict) else None
            if not isinstance(members, list):
                raise CollectError("ответ GET /chats/{chatId}/members не той формы: нет списка «members»")
            found += members
            marker = page.get("marker")
            if not marker or not members:
                return found

    def _get(self, path: str, params: dict) -> object:
        url = f"{self.base.rstrip('/')}{path}?{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(url, headers={"Authorization": self.token, "Accept": "application/json"})
        wait, last_error = self.pause, ""
        for attempt in range(1, self.attempts + 1):
            self._space()
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (https or a test's 127.0.0.1)
                    body = response.read()
                try:
                    return json.loads(body)
                except ValueError:
                    raise CollectError(f"ответ {path} — не JSON (страница повреждена)") from None
            except urllib.error.HTTPError as exc:
                if exc.code in (401, 403):
                    raise CollectError(
                        f"MAX не принял токен ({exc.code}): проверьте токен бота и что бот — администратор чата",
                        refused=True,
                    ) from None
                if exc.code == 404:
                    raise CollectError(
                        f"{path}: не найдено (404) — проверьте id чата и что бот в нём состоит"
                    ) from None
                if exc.code != 429 and exc.code < 500:
                    raise CollectError(f"{path}: MAX ответил {exc.code}") from None
                last_error = f"MAX ответил {exc.code}"
                retry_after = exc.headers.get("Retry-After") if exc.headers else None
                if retry_after and retry_after.isdigit():
                    wait = max(wait, float(retry_after))
            except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
                last_error = "нет ответа вовремя" if "timed out" in str(exc) else f"сеть: {getattr(exc, 'reason', exc)}"
            if attempt < self.attempts:
                self.sleep(wait)
                wait *= 2
        raise CollectError(f"{path}: {last_error}, попыток: {self.attempts}")

    def _space(self) -> None:
        gap = 1.0 / self.rate - (time.monotonic() - self._last)
        if gap > 0:
            self.sleep(gap)
        self._last = time.monotonic()
