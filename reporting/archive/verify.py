"""``make-report verify``: is an archived package still what was written?"""

from __future__ import annotations

from pathlib import Path

from ..errors import ArchiveError, InputError, VerificationError
from .package import INPUTS_DIR, MANIFEST, VERSIONS_DIR, read_manifest, sha256


def verify_package(folder: Path) -> list[str]:
    """Every finding as a sentence; an empty list means the package is intact.

    Raises ``VerificationError`` when anything was altered, added or removed,
    or when summary.json no longer follows from the archived inputs.
    """
    findings = _findings(folder, "")
    if findings:
        raise VerificationError(str(folder), findings)
    return findings


def _findings(folder: Path, prefix: str) -> list[str]:
    found = read_manifest(folder)
    if found is None:
        if not folder.is_dir():
            raise ArchiveError(f"папки {folder} нет")
        return [f"{prefix}нет {MANIFEST} или он повреждён"]
    findings = []
    expected = dict(found.get("outputs", {}))
    if found.get("inputs_archived"):
        expected.update({f"{INPUTS_DIR}/{n}": e for n, e in found.get("inputs", {}).items()})
    files = (p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    present = {str(rel) for rel in files if str(rel) != MANIFEST and rel.parts[0] != VERSIONS_DIR}
    for name, entry in sorted(expected.items()):
        path = folder / name
        if not path.is_file():
            findings.append(f"{prefix}{name}: файл удалён")
        elif sha256(data := path.read_bytes()) != entry["sha256"] or len(data) != entry["size"]:
            findings.append(f"{prefix}{name}: файл изменён после записи")
    findings += [f"{prefix}{name}: лишний файл, его нет в описи" for name in sorted(present - set(expected))]
    if not findings and found.get("inputs_archived") and "summary.json" in expected:
        findings += _figures(folder, found, prefix)
    versions = folder / VERSIONS_DIR
    if versions.is_dir():
        for old in sorted(p for p in versions.iterdir() if p.is_dir()):
            findings += _findings(old, f"{prefix}{VERSIONS_DIR}/{old.name}/")
    return findings


def _figures(folder: Path, manifest: dict, prefix: str) -> list[str]:
    """Recompute summary.json from the archived inputs and compare."""
    from ..compute.build import build_model
    from ..pipeline import load_inputs
    from ..render.summary_json import render_summary
    from .history import figure_changes

    options = manifest["options"]
    tolerate = bool(options.get("each_organization")) and not options.get("strict")
    try:
        model = build_model(load_inputs(folder / INPUTS_DIR, tolerate), int(options["quarter"]))
    except InputError as exc:
        return [f"{prefix}архивные входные данные не читаются: {exc.problems[0].describe()}"]
    fresh, archived = render_summary(model), (folder / "summary.json").read_bytes()
    if fresh == archived:
        return []
    changes = figure_changes(archived, fresh)
    return [f"{prefix}summary.json не следует из архивных входных данных ({'; '.join(changes[:5]) or 'формат'})"]
