"""``--scheduler``: which Dask schedulers a run may hand its work to, and over what.

Dask's scheduler unpickles what it receives: anyone who reaches an unencrypted one runs code
there, and its workers send back pickles this process loads.  So a scheduler is reached over TLS
with the district's own certificates (``distributed.security.Security``: the CA that signed the
cluster's certificates, and this client's certificate and key), or over plain TCP only on this
machine's loopback, where nobody else listens in.  The decision is made before any connection.
"""

from __future__ import annotations

import ipaddress
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .errors import Problems

MAKE_CERTIFICATES = (
    "Сертификаты делаются так (OpenSSL; подробно — README, раздел «Dask over TLS»): "
    "openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj /CN=district-ca -keyout ca.key -out ca.pem; "
    "openssl req -newkey rsa:3072 -nodes -subj /CN=dask -keyout dask.key -out dask.csr; "
    "openssl x509 -req -in dask.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -out dask.pem. "
    "Планировщик и исполнители запускаются с --protocol tls --tls-ca-file ca.pem --tls-cert dask.pem "
    "--tls-key dask.key, а make-report — с --scheduler tls://АДРЕС:8786 --scheduler-ca ca.pem "
    "--scheduler-cert dask.pem --scheduler-key dask.key"
)


@dataclass(frozen=True)
class SchedulerTls:
    """The files ``--scheduler-ca/-cert/-key`` name (paths as given)."""

    ca: str = ""
    cert: str = ""
    key: str = ""

    @property
    def given(self) -> bool:
        return bool(self.ca or self.cert or self.key)


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it could point anywhere, and resolving it is already a connection


def check_scheduler(address: str, tls: SchedulerTls, problems: Problems) -> None:
    """Problems with ``--scheduler`` and its certificates, found without connecting."""
    if not address:
        if tls.given:
            problems.add("bad_option", "--scheduler-ca", "сертификаты планировщика указаны, а сам --scheduler — нет",
                         hint="Добавьте --scheduler tls://АДРЕС:8786 или уберите --scheduler-ca/-cert/-key")  # fmt: skip
        return
    parts = urllib.parse.urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError:
        host, port = "", None
    if parts.scheme not in ("tls", "tcp") or not host or port is None or parts.path not in ("", "/"):
        problems.add("bad_option", "--scheduler", "адрес планировщика Dask пишется как tls://АДРЕС:8786",
                     value=address, hint=MAKE_CERTIFICATES)  # fmt: skip
        return
    if parts.scheme == "tcp" and not _loopback(host):
        problems.add(
            "bad_option", "--scheduler",
            f"планировщик {host} — не этот компьютер, а по tcp:// Dask передаёт данные без шифрования и исполняет "
            "присланный ему код: любой в сети, кто достучится до порта, выполнит на нём свою программу. "
            "Без TLS можно только tcp://127.0.0.1",
            value=address, hint=MAKE_CERTIFICATES,
        )  # fmt: skip
        return
    if parts.scheme == "tls":
        for option, path in (("--scheduler-ca", tls.ca), ("--scheduler-cert", tls.cert), ("--scheduler-key", tls.key)):
            if not path:
                problems.add("bad_option", option, "для tls:// нужны три файла: сертификат УЦ, сертификат и ключ",
                             hint=MAKE_CERTIFICATES)  # fmt: skip
            elif not Path(path).is_file():
                problems.add("bad_option", option, "файла нет", value=path)


def security(tls: SchedulerTls):
    """Dask's Security for a checked tls:// address (None for loopback TCP)."""
    if not tls.given:
        return None
    from distributed.security import Security

    return Security(tls_ca_file=tls.ca, tls_client_cert=tls.cert, tls_client_key=tls.key, require_encryption=True)
