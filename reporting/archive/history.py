"""Rerunning a quarter: reproduce, refuse, or replace and keep the old version."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PackageExists
from .folder import differences, parse_manifest, read_folder, version_folders
from .package import MANIFEST, VERSIONS_DIR, entries

MAX_FIGURE_CHANGES = 50
ENGINE_WORDS = {"weasyprint": "WeasyPrint", "libreoffice": "через LibreOffice", "none": "не были (без PDF)"}


@dataclass
class Plan:
    unchanged: bool = False
    engine_only: bool = False  # unchanged in all a reader sees; only the PDF engine's bytes differ
    present: tuple[str, ...] = ()  # the folder's files, when it is left as it is
    history: dict | None = None  # what the new manifest records about the replaced version
    kept: dict[str, bytes] = field(default_factory=dict)  # older versions, by path in the package


def plan_replacement(
    target: Path,
    raw_inputs: dict[str, bytes],
    outputs: dict[str, bytes],
    inputs_archived: bool,
    force: bool,
    pdf_engine: str | None = None,
) -> Plan:
    """Leave the folder as it is, refuse, or (with ``force``) carry all of it into ``versions/N/``.

    "Unchanged" means the same inputs gave the same files *and* the folder still
    holds exactly what its manifest lists: then nothing on disk is touched.  A
    folder that departs from its manifest (a file added, altered or removed, the
    manifest damaged) is never rewritten without ``force``, and with it every
    file it holds moves to ``versions/N/`` first.
    """
    current = read_folder(target)
    if not current:
        return Plan()
    old = parse_manifest(current.get(MANIFEST))
    departures = differences(current, old)
    if old is not None and not departures:
        inputs_changed = sorted(n for n, e in entries(raw_inputs).items() if old.get("inputs", {}).get(n) != e)
        inputs_changed += sorted(set(old.get("inputs", {})) - set(raw_inputs))
        same_outputs = old.get("outputs") == entries(outputs)
        if not inputs_changed and bool(old.get("inputs_archived")) == inputs_archived:
            if same_outputs:
                return Plan(unchanged=True, present=tuple(sorted(current)))
            if _engine_only(old.get("outputs") or {}, current, outputs):
                return Plan(unchanged=True, engine_only=True, present=tuple(sorted(current)))
        before = old.get("pdf_engine") or ("none" if old.get("incomplete") else "weasyprint")
        if inputs_changed:
            reason = f"изменились входные файлы: {', '.join(inputs_changed)}"
        elif pdf_engine and before != pdf_engine and before in ENGINE_WORDS and pdf_engine in ENGINE_WORDS:
            reason = (f"PDF в архиве сделаны {ENGINE_WORDS[before]}, а сейчас — {ENGINE_WORDS[pdf_engine]}; чтобы "
                      f"оставить архивный пакет, запустите с --pdf-engine {before}")  # fmt: skip
        else:
            reason = "изменились параметры или версия программы"
    else:
        inputs_changed = []
        reason = "папка отличается от своей описи: " + "; ".join(departures[:5])
        if len(departures) > 5:
            reason += f" и ещё {len(departures) - 5}"
    if not force and not (old and old.get("incomplete") and not departures):  # the complete one may replace it
        raise PackageExists(
            f"пакет {target} уже в архиве и отличается от нового ({reason}). Чтобы заменить его, "
            "запустите с --force: всё, что сейчас лежит в папке пакета, сохранится в папке versions/"
        )
    number = 1 + max((int(n) for n in version_folders(current) if n.isdigit()), default=0)
    kept = {n: d for n, d in current.items() if n.startswith(VERSIONS_DIR + "/")}
    kept.update({f"{VERSIONS_DIR}/{number}/{n}": d for n, d in current.items() if not n.startswith(VERSIONS_DIR + "/")})
    history = {
        "version": number,
        "folder": f"{VERSIONS_DIR}/{number}",
        "changed_inputs": inputs_changed,
        "changed_outputs": sorted(n for n, e in entries(outputs).items() if (old or {}).get("outputs", {}).get(n) != e),
        "changed_figures": figure_changes(current.get("summary.json"), outputs.get("summary.json")),
    }
    if departures:  # the state it was in when replaced, so that verify can tell it from later damage
        history["departures"] = departures
    return Plan(history=history, kept=kept)


def _engine_only(recorded: dict, current: dict[str, bytes], outputs: dict[str, bytes]) -> bool:
    """The same files, every one byte for byte but PDFs that say exactly the same (``same_document``):
    the layout engine's build changed (HarfBuzz's subsetter installed), not the package."""
    from .same_document import same_document

    new = entries(outputs)
    if set(recorded) != set(new):
        return False
    differing = [name for name in new if recorded[name] != new[name]]
    return all(
        name.endswith(".pdf") and name in current and same_document(current[name], outputs[name]) for name in differing
    )


def figure_changes(old: bytes | None, new: bytes | None) -> list[str]:
    """Paths of summary.json whose values differ: «indicators[0].end_of_quarter.percent: 91.53 → 93.22»."""
    try:
        before, after = _flatten(json.loads(old)), _flatten(json.loads(new))
    except (TypeError, ValueError):  # none, or damaged: nothing to compare
        return []
    changes = [
        f"{path}: {json.dumps(before.get(path), ensure_ascii=False)} → {json.dumps(after.get(path), ensure_ascii=False)}"
        for path in [*before, *(p for p in after if p not in before)]
        if before.get(path) != after.get(path)
    ]
    if len(changes) > MAX_FIGURE_CHANGES:
        changes = changes[:MAX_FIGURE_CHANGES] + [f"… и ещё {len(changes) - MAX_FIGURE_CHANGES}"]
    return changes


def _flatten(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(_flatten(item, f"{prefix}[{index}]"))
        return out
    return {prefix: value}
