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
    tls: tuple[Path, Path] | None = None  # district: (certificate, key) to serve HTTPS directly
    public_host: str = ""  # district: the name schools use (behind a proxy), answered besides address:port
    upload_cap: int = UPLOAD_CAP
    trust: Path | None = None  # sign --trust: the trusted roots and CRLs the signers' chains are checked against
    session_hours: float = 12.0  # a working day; the cookie dies with the server anyway (its secret is per start)

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.authority}"

    @property
    def school_address(self) -> str:
        """The address a school opens (the key sheet prints it): the public name behind the district's TLS
        proxy when there is one, else this server's own."""
        return f"https://{self.public_host}" if self.public_host else self.origin

    @property
    def authority(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def allowed_hosts(self) -> frozenset[str]:
        """``Host`` values this server answers: its own address and port (DNS rebinding gets 400)."""
        names = {self.authority}
        if self.host in ("127.0.0.1", "localhost"):
            names |= {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        if self.public_host:
            names.add(self.public_host)
        return frozenset(names)


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
