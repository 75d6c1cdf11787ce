"""``make-report sign PACKAGE SIGNATURE…``: the signatures, their print copies and the new manifest
written into the package in one swap (see ``record.py`` for what is checked first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError, VerificationError
from .record import MANIFESTS_DIR, CheckedSignature, Signing, match, next_name, read_given, record
from .registration import Registration, mark_line, registrations
from .trust import VERIFIED, TrustStore


def archive_root(folder: Path) -> Path:
    """The outputs folder whose lock a build of this package takes (``outputs/2023-2024/Q2`` →
    ``outputs``): the nearest parent holding the lock file, else the year folder's parent."""
    from ..archive.lock import LOCK_NAME

    for parent in list(folder.resolve().parents)[:3]:
        if (parent / LOCK_NAME).exists():
            return parent
    return folder.resolve().parent.parent


def print_name(target: str) -> str:
    return (target[:-4] if target.lower().endswith(".pdf") else target) + ".print.pdf"


def sign_package(
    folder: Path, signature_paths: Sequence[Path], lock_wait: float = 10.0, store: TrustStore | None = None,
    registration: Registration | None = None, accept_cms: bool = False,
) -> Signing:  # fmt: skip
    """Record ``signature_paths`` in the package at ``folder``; raises InputError (nothing written)
    when any of them fails, or would leave a document's registration blank for ever, VerificationError
    when the package itself departs from its manifest. ``store``: the roots trusted (``--trust``),
    against which each signer's chain is checked; ``registration``: ``sign --date --number``."""
    return _write_signed(folder, signature_paths, lock_wait, store, registration, accept_cms)


def _write_signed(
    folder: Path, signature_paths: Sequence[Path], lock_wait: float, store, registration, accept_cms: bool
) -> Signing:
    from ..archive.folder import expected_files, parse_manifest, read_folder
    from ..archive.lock import outputs_lock, refuse_read_only
    from ..archive.package import MANIFEST, entries, json_bytes, remove_leftovers, sha256, write_package
    from ..archive.verify import verify_package

    root = archive_root(folder)
    with outputs_lock(root, lock_wait) as writable:
        # checked under the lock: the package signed is the package verified, no run between them
        found = verify_package(folder)
        if not found.intact:
            raise VerificationError(str(folder), [*found.findings, "подписи не записаны: сначала восстановите пакет"])
        files = read_folder(folder)
        manifest = parse_manifest(files.get(MANIFEST)) or {}
        signed_before = set(manifest.get("signed") or {})
        signable = {n: files[n] for n in expected_files(manifest) if n in files and n not in signed_before}
        records = list(manifest.get("signatures") or [])
        known = {r.get("sha256") for r in records}
        problems, checked, already = [], [], []
        for path in signature_paths:
            try:
                raw, signature = read_given(path)
                digest = sha256(raw)
                if digest in known:
                    already.append(str(path))
                    continue
                checked.append((match(path, signature, signable, store, accept_cms), raw))
                known.add(digest)
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        if not checked:
            return Signing(folder, (), tuple(already), (), ())
        registered = registrations(manifest, [item.file for item, _ in checked], registration, folder, root)
        if not writable:
            raise refuse_read_only(root)
        now = dt.datetime.now(dt.UTC)
        new = dict(files)
        taken = set(files)
        recorded: list[tuple[CheckedSignature, str]] = []
        for item, raw in checked:
            name = next_name(item.file, taken)
            taken.add(name)
            new[name] = raw
            records.append(record(item, name, raw, now))
            recorded.append((item, name))
        register = {**(manifest.get("registration") or {}), **registered}
        copies, unplaced = _print_copies(new, records, register)
        for target, data in copies.items():
            new[print_name(target)] = data
        for target in unplaced:
            new.pop(print_name(target), None)
        number = 1 + sum(1 for n in files if n.startswith(MANIFESTS_DIR + "/"))
        new[f"{MANIFESTS_DIR}/manifest.{number}.json"] = files[MANIFEST]
        signed = {n for n in signed_before if n in new} | {name for _, name in recorded}
        signed |= {print_name(t) for t in copies} | {n for n in new if n.startswith(MANIFESTS_DIR + "/")}
        updated = {**manifest, "signatures": records, "signed": entries({n: new[n] for n in signed})}
        if register:
            updated["registration"] = register  # given at signing: beside the signatures, the PDFs untouched
        new[MANIFEST] = json_bytes(updated)
        remove_leftovers(folder)
        write_package(folder, new)
    return Signing(
        folder,
        tuple(recorded),
        tuple(already),
        tuple(print_name(t) for t in sorted(copies)),
        tuple(f"{t}: {why}" for t, why in sorted(unplaced.items())),
    )


def _print_copies(
    files: dict[str, bytes], records: list[dict], register: dict[str, dict]
) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every signed PDF's print copy, with the marks of all its signers in signing order."""
    from ..render.signature_marks import print_copy
    from .cms import read_signature
    from .mark import mark_text

    by_file: dict[str, list] = {}
    for entry in records:
        if entry["file"].lower().endswith(".pdf") and entry["signature"] in files:
            signers = read_signature(files[entry["signature"]]).signers
            said = entry.get("signers") or []
            chains = [(said[i].get("chain") or {}) if i < len(said) else {} for i in range(len(signers))]
            by_file.setdefault(entry["file"], []).extend(zip(signers, chains, strict=True))
    copies, unplaced = {}, {}
    for target, signers in sorted(by_file.items()):
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        signers.sort(key=lambda pair: pair[0].signing_time or epoch)
        last = signers[-1][0].signing_time or epoch
        try:  # a signature recorded before chains were checked has none: its mark says so
            marks = [
                mark_text(s.certificate, chain.get("level") == VERIFIED, chain.get("short", ""),
                          mark_line(register.get(target)) if i == 0 else "")
                for i, (s, chain) in enumerate(signers)
            ]  # fmt: skip
            copies[target], _ = print_copy(files[target], marks, last.date(), target)
        except ValueError as exc:
            unplaced[target] = f"{exc}; копия для печати не сделана"
    return copies, unplaced
