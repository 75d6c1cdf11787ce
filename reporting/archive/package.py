"""Write a package folder all at once: complete, or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
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
) -> bytes:
    """``outputs`` are this version's generated files (archived inputs and older versions aside)."""
    data = {
        "tool": "make-report",
        "version": __version__,
        "options": options,
        "status_date": status_date,
        "inputs": entries(inputs),
        "inputs_archived": inputs_archived,  # copies under inputs/ (not with --no-names)
        "outputs": entries(outputs),
    }
    data.update(extra or {})
    if history:
        data["replaces"] = history
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def remove_leftovers(target: Path) -> None:
    """Temporary folders of a run that was killed outright (under the lock, so not ours)."""
    if target.parent.is_dir():
        for stale in target.parent.glob(f".{target.name}{_STAGING}*"):
            shutil.rmtree(stale, ignore_errors=True)
        for retired in target.parent.glob(f".{target.name}{_RETIRED}*"):
            if target.exists():
                shutil.rmtree(retired, ignore_errors=True)
            else:  # killed between the two renames: the old package is the one to keep
                retired.rename(target)


def write_package(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into a temporary sibling folder, then swap it into place.

    Any failure — an error, a full disk, Ctrl-C — leaves the previous package
    as it was and no temporary folder behind.
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{_STAGING}", dir=parent))
    except OSError as exc:
        raise ArchiveError(f"не удалось создать папку {parent}: {exc.strerror or exc}") from exc
    retired = parent / f".{target.name}{_RETIRED}{staging.name.rsplit('-', 1)[-1]}"
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        if target.exists():
            target.rename(retired)
        staging.rename(target)
    except BaseException as exc:
        if retired.exists() and not target.exists():
            retired.rename(target)
        if isinstance(exc, OSError):
            raise ArchiveError(f"не удалось записать пакет в {target}: {exc.strerror or exc}") from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and target.exists():
            shutil.rmtree(retired, ignore_errors=True)
