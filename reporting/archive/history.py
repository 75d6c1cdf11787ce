"""Rerunning a quarter: reproduce, refuse, or replace and keep the old version."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError
from .package import VERSIONS_DIR, entries, read_manifest

MAX_FIGURE_CHANGES = 50


class PackageExists(ReportError):
    """An archived package was built from other inputs; replacing it needs --force."""

    exit_code = 4


@dataclass
class Plan:
    unchanged: bool = False
    history: dict | None = None  # what the new manifest records about the replaced version
    kept: dict[str, bytes] = field(default_factory=dict)  # older versions, by path in the package


def plan_replacement(target: Path, raw_inputs: dict[str, bytes], outputs: dict[str, bytes], force: bool) -> Plan:
    old = read_manifest(target)
    if old is None:
        if target.exists() and any(target.iterdir()) and not force:
            raise PackageExists(f"папка {target} уже существует и не похожа на пакет make-report; укажите --force")
        return Plan()
    inputs_changed = sorted(n for n, e in entries(raw_inputs).items() if old.get("inputs", {}).get(n) != e)
    outputs_changed = sorted(n for n, e in entries(outputs).items() if old.get("outputs", {}).get(n) != e)
    earlier = {
        str(p.relative_to(target)): p.read_bytes() for p in sorted((target / VERSIONS_DIR).rglob("*")) if p.is_file()
    }
    if not inputs_changed and not outputs_changed and set(old.get("outputs", {})) == set(outputs):
        # The same package again: keep its history so that it comes out byte for byte.
        return Plan(unchanged=True, history=old.get("replaces"), kept=earlier)
    if not force:
        reason = (
            f"изменились входные файлы: {', '.join(inputs_changed)}"
            if inputs_changed
            else "изменились параметры или версия программы"
        )
        raise PackageExists(
            f"пакет {target} уже в архиве и отличается от нового ({reason}). Чтобы заменить его, "
            "запустите с --force: прежний пакет сохранится в папке versions/"
        )
    current = {str(p.relative_to(target)): p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()}
    number = 1 + max((int(k.split("/")[1]) for k in earlier if k.split("/")[1].isdigit()), default=0)
    versions = dict(earlier)
    for name, data in current.items():
        if not name.startswith(VERSIONS_DIR + "/"):
            versions[f"{VERSIONS_DIR}/{number}/{name}"] = data
    history = {
        "version": number,
        "folder": f"{VERSIONS_DIR}/{number}",
        "changed_inputs": inputs_changed,
        "changed_outputs": outputs_changed,
        "changed_figures": figure_changes(current.get("summary.json"), outputs.get("summary.json")),
    }
    return Plan(history=history, kept=versions)


def figure_changes(old: bytes | None, new: bytes | None) -> list[str]:
    """Paths of summary.json whose values differ: «indicators[0].end_of_quarter.percent: 91.53 → 93.22»."""
    if not old or not new:
        return []
    before, after = _flatten(json.loads(old)), _flatten(json.loads(new))
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
