"""``make-report sign``: signatures made outside the tool enter an archived package.

A signature is recorded only when everything about it checks out: it is CMS, it is for a file
of the package (found by its message digest, not by its name), that file's digest and the
signature over the signed attributes verify, the certificate is the one signed for, and the
signing time lies within the certificate's validity.  Then, in one atomic swap of the package
folder: the signature file beside the file it signs (``report.pdf.sig``, a second one
``report.pdf.2.sig``), a print copy with the marks (``report.print.pdf``), the earlier manifest
kept (``manifests/manifest.N.json``) and a new manifest that records all of it.  The signed
files themselves are not touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..kinds import Kind
from ..read.limits import MAX_SIGNATURE_FILE, MAX_SIGNED_FILE, read_regular
from .check import NOT_CHECKED, PLAIN_CMS, SignerCheck, check_signature, find_file
from .cms import NotASignature, Signature, read_signature
from .trust import VERIFIED, TrustStore

# CAdES-BES carries no timestamp token: its signing time is what the signer's computer said
TIME_CLAIM = "заявлено подписавшим: штампа времени в подписи нет"

MANIFESTS_DIR = "manifests"
SIGNATURE_SUFFIXES = (".sig", ".p7s", ".sgn", ".p7m", ".p7b", ".pem", ".b64", ".txt")


@dataclass(frozen=True)
class CheckedSignature:
    """One signature file, the file it signs, and what each of its signers' checks found."""

    source: str  # the signature file as given
    file: str  # the signed file (its name in the package, or the path given)
    signature: Signature
    checks: tuple[SignerCheck, ...]

    @property
    def valid(self) -> bool:
        """Mathematically sound and nothing wrong found (a plain CMS signature too: see ``verdict``)."""
        return all(check.valid for check in self.checks)

    @property
    def verdict(self) -> str:
        """«valid» (CAdES-BES), «plain_cms» (mathematically valid, the certificate not bound), «invalid»."""
        if not self.valid:
            return "invalid"
        return "valid" if all(check.cades for check in self.checks) else "plain_cms"


@dataclass(frozen=True)
class Signing:
    folder: Path
    recorded: tuple[tuple[CheckedSignature, str], ...]  # each signature and its name in the package
    already: tuple[str, ...]  # signatures given that the package already holds
    print_copies: tuple[str, ...]
    unplaced: tuple[str, ...]  # why a print copy could not be made
    not_checked: str = NOT_CHECKED


def read_given(path: Path) -> tuple[bytes, Signature]:
    """A signature file named on the command line, as given and as read; InputError (exit 2)
    when it is not one."""
    try:
        data = read_regular(path, MAX_SIGNATURE_FILE)  # a FIFO or /dev/zero: refused by name, never waited on
    except OSError as exc:
        kind = Kind.MISSING_FILE if isinstance(exc, FileNotFoundError) else Kind.UNREADABLE_FILE
        raise InputError([Problem(kind, str(path), f"файл подписи не читается: {exc.strerror or exc}")]) from None
    try:
        return data, read_signature(data)
    except NotASignature as exc:
        raise InputError([Problem(Kind.BAD_SIGNATURE, str(path), str(exc))]) from None


def check_file(path: Path, signature_path: Path, store: TrustStore | None = None) -> CheckedSignature:
    """``sign --check``: a signature against any file, nothing written."""
    _, signature = read_given(signature_path)
    try:
        content = read_regular(path, MAX_SIGNED_FILE)
    except OSError as exc:
        kind = Kind.MISSING_FILE if isinstance(exc, FileNotFoundError) else Kind.UNREADABLE_FILE
        raise InputError([Problem(kind, str(path), f"подписанный файл не читается: {exc.strerror or exc}")]) from None
    return CheckedSignature(str(signature_path), str(path), signature, check_signature(signature, content, store))


def candidates(files: dict[str, bytes], signature_name: str) -> list[tuple[str, bytes]]:
    """The package's files in the order to try: the one the signature's name points at
    (``report.pdf.sig`` → ``report.pdf``), then the documents, then everything else."""
    stem = signature_name
    for suffix in SIGNATURE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    ordered = sorted(files, key=lambda n: (n != stem, not n.endswith(".pdf"), n.count("/"), n))
    return [(name, files[name]) for name in ordered]


def match(
    signature_path: Path,
    signature: Signature,
    files: dict[str, bytes],
    store: TrustStore | None = None,
    accept_cms: bool = False,
) -> CheckedSignature:
    """The package file this signature signs, checked; InputError naming what failed."""
    name = find_file(signature, candidates(files, signature_path.name))
    if name is None:
        raise InputError(
            [
                Problem(
                    Kind.UNMATCHED_SIGNATURE,
                    str(signature_path),
                    "хэш, подписанный в ней, не совпадает ни с одним файлом пакета"
                    if signature.content is None
                    else "документ внутри подписи не совпадает ни с одним файлом пакета",
                )
            ]
        )
    checked = CheckedSignature(str(signature_path), name, signature, check_signature(signature, files[name], store))
    problems = [
        Problem(
            Kind.INVALID_SIGNATURE,
            str(signature_path),
            f"подпись к {name}, подписант {c.signer.certificate.owner.person}: {f}",
        )
        for c in checked.checks
        for f in c.findings
    ]
    if not problems and checked.verdict == "plain_cms" and not accept_cms:
        problems = [
            Problem(
                Kind.INVALID_SIGNATURE, str(signature_path), f"подпись к {name}: {PLAIN_CMS}",
                hint="Подпишите в формате CAdES-BES (КриптоПро, КриптоАРМ, Госуслуги) или, если принимаете подпись "
                "как есть, добавьте --accept-cms: отметка скажет, что сертификат не проверен",
            )
        ]  # fmt: skip
    if problems:
        raise InputError(problems)
    return checked


def record(checked: CheckedSignature, name: str, raw: bytes, now: dt.datetime) -> dict:
    """The manifest's entry for one recorded signature: what was verified, and what was not."""
    from ..archive.package import sha256

    return {
        "file": checked.file,
        "signature": name,
        "sha256": sha256(raw),
        "form": checked.signature.form,
        "attached": checked.signature.content is not None,
        "recorded": now.isoformat(timespec="seconds"),
        "signers": [
            {
                **c.signer.certificate.as_record(),
                "signing_time": c.signer.signing_time.isoformat() if c.signer.signing_time else None,
                "digest_algorithm": c.signer.digest_oid,
                "key_algorithm": c.signer.certificate.key_algorithm,
                "verified": ["message_digest", "signature", "signing_certificate", "signing_time_in_validity"]
                + (["certificate_chain", "key_usage", "revocation"] if c.chain.level == VERIFIED else []),
                "chain": {
                    "level": c.chain.level,
                    "reason": c.chain.reason,
                    "short": c.chain.short,
                    "anchor": c.chain.anchor,
                },  # fmt: skip
                "signing_time_is": TIME_CLAIM,
            }
            for c in checked.checks
        ],
        "not_verified": "; ".join(dict.fromkeys(c.chain.reason for c in checked.checks if c.chain.level != VERIFIED))
        or "",
    }


def next_name(target: str, taken: set[str]) -> str:
    name, number = f"{target}.sig", 1
    while name in taken:
        number += 1
        name = f"{target}.{number}.sig"
    return name
