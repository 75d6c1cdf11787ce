"""The packages an outputs folder holds: ``<year>/<period>/`` folders with a manifest (an
organisation's own package one level further down), its ``versions/`` left to ``verify``."""

from __future__ import annotations

from pathlib import Path

MANIFEST = "manifest.json"
SKIPPED = {"versions", "manifests", "replaced-inputs", "district"}


def package_folders(outputs: Path) -> tuple[Path, ...]:
    """Every package folder under ``outputs``, newest year and period first; links are not followed."""
    found = []
    for year in _folders(outputs):
        for period in _folders(year):
            if (period / MANIFEST).is_file():
                found.append(period)
            found.extend(org for org in _folders(period) if (org / MANIFEST).is_file())
    return tuple(sorted(found, key=lambda p: p.relative_to(outputs).parts[:2], reverse=True))


def _folders(parent: Path) -> list[Path]:
    try:
        children = list(parent.iterdir())
    except OSError:
        return []
    return sorted(
        c
        for c in children
        if c.name not in SKIPPED and not c.name.startswith(".") and not c.is_symlink() and c.is_dir()
    )
