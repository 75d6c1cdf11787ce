"""A school's side of the district server: ``make-report week --submit URL`` sends the return it has just
written, with the school's key from ``MAKE_REPORT_KEY`` or ``--key-file``.  The key travels only in the
``Authorization`` header: never printed, logged, put in a URL or written into a package."""

from __future__ import annotations

import json
import urllib.parse
import uuid
from pathlib import Path

from ..errors import CollectError

KEY_VARIABLE = "MAKE_REPORT_KEY"
TIMEOUT = 60.0
ANSWERS = {
    401: "ключ не подошёл: он неверен, отозван или его срок истёк — попросите в районе новый",
    403: "район отклонил отчёт",
    413: "файл слишком большой для сервера района",
    429: "слишком много попыток с неверным ключом; повторите через 10 минут",
}


def key_from(key_file: Path | None, inputs: Path) -> str:
    """The school's key: the file's first line (never a file inside inputs/), or the environment variable."""
    from ..read.secrets import secret

    return secret(key_file, KEY_VARIABLE, inputs, "--key-file", "ключ доступа к серверу района")


def submit(base: str, key: str, path: Path) -> dict:
    """POST the file to ``base``/api/v1/submissions; the server's JSON answer (``id``, ``status``,
    ``problems``).  Raises ``CollectError`` with what the server said, never with the key."""
    import urllib3

    from ..collect.max_api import checked_base, connections

    address = checked_base(base) + "/api/v1/submissions"
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
    ).encode()
    body += path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()  # fmt: skip
    headers = {"Authorization": f"Bearer {key}", "Content-Type": f"multipart/form-data; boundary={boundary}"}
    host = urllib.parse.urlsplit(address).netloc
    try:
        answer = connections(TIMEOUT, None).request("POST", address, body=body, headers=headers, redirect=False)
    except urllib3.exceptions.HTTPError as exc:
        raise CollectError(f"сервер района {host} не ответил: {type(exc).__name__}") from None
    try:
        found = json.loads(answer.data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        found = {}
    if answer.status == 201 or (answer.status == 403 and "status" in found):
        return {**found, "http": answer.status}
    said = ANSWERS.get(answer.status) or str(found.get("error") or f"ответ {answer.status}")
    raise CollectError(f"сервер района {host}: {said}")
