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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(inputs: dict[str, bytes], outputs: dict[str, bytes], options: dict, status_date: str) -> bytes:
    data = {
        "tool": "make-report",
        "version": __version__,
        "options": options,
        "status_date": status_date,
        "inputs": {name: {"sha256": sha256(b), "size": len(b)} for name, b in sorted(inputs.items())},
        "outputs": {name: {"sha256": sha256(b), "size": len(b)} for name, b in sorted(outputs.items())},
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_package(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into a temporary sibling folder, then swap it into place.

    A failure at any point leaves the previous package as it was and no
    temporary folder behind.
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=parent))
    except OSError as exc:
        raise ArchiveError(f"не удалось создать папку {parent}: {exc.strerror}") from exc
    retired = None
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        if target.exists():
            retired = parent / f".{target.name}.old-{staging.name.rsplit('-', 1)[-1]}"
            target.rename(retired)
        staging.rename(target)
    except OSError as exc:
        if retired is not None and not target.exists():
            retired.rename(target)
        raise ArchiveError(f"не удалось записать пакет в {target}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if retired is not None and retired.exists() and target.exists():
            shutil.rmtree(retired, ignore_errors=True)
