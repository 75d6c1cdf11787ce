"""Write a package folder all at once: complete, or not at all."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import threading
from pathlib import Path

from .. import __version__
from ..errors import ArchiveError

MANIFEST = "manifest.json"
INPUTS_DIR = "inputs"
VERSIONS_DIR = "versions"
_STAGING, _RETIRED = ".tmp-", ".old-"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entries(files: dict[str, bytes]) -> dict[str, dict]:
    return {name: {"sha256": sha256(data), "size": len(data)} for name, data in sorted(files.items())}


def manifest(
    inputs: dict[str, bytes],
    outputs: dict[str, bytes],
    options: dict,
    status_date: str,
    inputs_archived: bool,
    history: dict | None = None,
    extra: dict | None = None,
    versions: dict[str, bytes] | None = None,
) -> bytes:
    """``outputs`` are this version's generated files (archived inputs and older versions aside);
    ``versions`` the files under ``versions/``, listed so that none can be added, altered or lost."""
    data = {
        "tool": "make-report",
        "version": __version__,
        "options": options,
        "status_date": status_date,
        "inputs": entries(inputs),
        "inputs_archived": inputs_archived,  # copies under inputs/ (not with --no-names)
        "outputs": entries(outputs),
        "versions": entries(versions or {}),
    }
    data.update(extra or {})
    if history:
        data["replaces"] = history
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def remove_leftovers(target: Path) -> None:
    """Temporary folders of a run that was killed outright (under the lock, so not ours).

    A leftover that is a link is only unlinked: removing "its" tree would
    remove whatever real folder it points at.
    """
    if not target.parent.is_dir():
        return
    for stale in target.parent.glob(f".{target.name}{_STAGING}*"):
        _remove(stale)
    for retired in target.parent.glob(f".{target.name}{_RETIRED}*"):
        if retired.is_symlink():
            retired.unlink()
        elif target.exists() or target.is_symlink():
            _remove(retired)
        else:  # killed between the two renames: the old package is the one to keep
            retired.rename(target)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _interrupts_held():
    """Ctrl-C in the middle of the swap is held until the swap is done, then delivered:
    the archive is always either the old package or the new one, and whoever handles the
    interrupt (``on_commit`` told it which) can say which."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending = []
    previous = signal.signal(signal.SIGINT, lambda *_: pending.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
        if pending:
            signal.raise_signal(signal.SIGINT)


def write_package(target: Path, files: dict[str, bytes], on_commit=None) -> None:
    """Write ``files`` into a temporary sibling folder, then swap it into place.

    Any failure — an error, a full disk, Ctrl-C — leaves the previous package
    as it was and no temporary folder behind.  ``on_commit(target)`` is called
    the moment the new package is in place (an interrupt after it interrupts
    nothing the archive still needs).
    """
    parent = target.parent
    token = secrets.token_hex(4)
    staging = parent / f".{target.name}{_STAGING}{token}"
    retired = parent / f".{target.name}{_RETIRED}{token}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        # mkdir, not mkdtemp: the package gets the usual permissions (others on a
        # shared archive read it), not mkdtemp's owner-only 0700.
        staging.mkdir()
    except OSError as exc:
        raise ArchiveError(f"не удалось создать папку {parent}: {exc.strerror or exc}") from exc
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        with _interrupts_held():
            if target.exists():
                target.rename(retired)
            staging.rename(target)
            if on_commit is not None:
                on_commit(target)
    except BaseException as exc:
        if retired.exists() and not target.exists():
            retired.rename(target)
        if isinstance(exc, OSError):
            raise ArchiveError(f"не удалось записать пакет в {target}: {exc.strerror or exc}") from exc
        raise
    finally:
        _remove(staging)
        if retired.exists() and target.exists():
            _remove(retired)
