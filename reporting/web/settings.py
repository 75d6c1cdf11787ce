"""What ``make-report serve`` parsed: one frozen value the app and its views read (never globals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")
UPLOAD_CAP = 256 << 20  # one request's body: a school's workbooks are KB, a year of chat exports tens of MB


@dataclass(frozen=True)
class WebSettings:
    inputs: Path
    outputs: Path
    host: str = "127.0.0.1"
    port: int = 8765
    district: bool = False
    upload_cap: int = UPLOAD_CAP
    trust: Path | None = None  # sign --trust: the trusted roots and CRLs the signers' chains are checked against
    session_hours: float = 12.0  # a working day; the cookie dies with the server anyway (its secret is per start)

    @property
    def origin(self) -> str:
        return f"http://{self.authority}"

    @property
    def authority(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def allowed_hosts(self) -> frozenset[str]:
        """``Host`` values this server answers: its own address and port (DNS rebinding gets 400)."""
        names = {self.authority}
        if self.host in ("127.0.0.1", "localhost"):
            names |= {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        return frozenset(names)


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
