"""The shape a manifest must have before anything reads its fields.

A manifest is a file in the archive like any other: someone may edit it by
hand, a tool may truncate it.  ``verify`` and a rerun check its shape first,
so a field of the wrong type is a finding («поле versions должно быть
объектом»), never a crash.  Unknown fields are allowed: newer versions add
some, and a consolidated package carries its organisations.
"""

from __future__ import annotations

import re

_DIGEST = re.compile(r"[0-9a-f]{64}")

# field → (required, what it must be)
_FIELDS: dict[str, tuple[bool, str]] = {
    "tool": (False, "text"),
    "version": (False, "text"),
    "options": (False, "object"),
    "status_date": (False, "text"),
    "inputs": (True, "entries"),
    "inputs_archived": (False, "yes/no"),
    "outputs": (True, "entries"),
    "versions": (False, "entries"),
    "folders": (False, "list of text"),
    "replaces": (False, "replacement"),
    "organizations": (False, "object"),
    "failed_organizations": (False, "object"),
    "incomplete": (False, "object"),
    "pdf_engine": (False, "text"),  # which engine made the PDFs: weasyprint, libreoffice or none
    "signed": (False, "entries"),
    "signatures": (False, "list of objects"),
}
_REPLACES: dict[str, str] = {
    "version": "number",
    "folder": "text",
    "changed_inputs": "list of text",
    "changed_outputs": "list of text",
    "changed_figures": "list of text",
    "departures": "list of text",
}
_WORDS = {
    "text": "строкой",
    "object": "объектом {…}",
    "entries": "объектом {имя файла: {sha256, size}}",
    "yes/no": "true или false",
    "list of text": "списком строк",
    "replacement": "объектом {version, folder, …}",
    "number": "целым числом",
    "list of objects": "списком объектов [{…}]",
}


def manifest_shape(manifest: object) -> list[str]:
    """What in the manifest's structure is not as this tool writes it, as sentences (empty: fine)."""
    if not isinstance(manifest, dict):
        return ["опись должна быть объектом JSON {…}"]
    found = []
    for key, (required, kind) in _FIELDS.items():
        if key not in manifest:
            if required:
                found.append(f"нет поля «{key}»")
            continue
        found += [f"поле «{key}»{fault}" for fault in _faults(manifest[key], kind)]
    return found


def _faults(value: object, kind: str) -> list[str]:
    """Faults of one value: [" должно быть …"] or [" → «name»: …"] for an entry."""
    if not _is(value, kind):
        return [f" должно быть {_WORDS[kind]}"]
    if kind == "entries":
        return [f", файл «{name}»: {fault}" for name, entry in value.items() for fault in _entry_faults(entry)]
    if kind == "replacement":
        return [
            f", поле «{key}» должно быть {_WORDS[what]}"
            for key, what in _REPLACES.items()
            if key in value and not _is(value[key], what)
        ]
    return []


def _entry_faults(entry: object) -> list[str]:
    if not isinstance(entry, dict):
        return ["запись должна быть объектом {sha256, size}"]
    found = []
    if not (isinstance(entry.get("sha256"), str) and _DIGEST.fullmatch(entry["sha256"])):
        found.append("sha256 должна быть строкой из 64 шестнадцатеричных цифр")
    size = entry.get("size")
    if not (isinstance(size, int) and not isinstance(size, bool) and size >= 0):
        found.append("size должен быть целым числом не меньше 0")
    return found


def _is(value: object, kind: str) -> bool:
    if kind == "text":
        return isinstance(value, str)
    if kind in ("object", "entries", "replacement"):
        return isinstance(value, dict)
    if kind == "yes/no":
        return isinstance(value, bool)
    if kind == "list of text":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == "list of objects":
        return isinstance(value, list) and all(isinstance(item, dict) for item in value)
    if kind == "number":
        return isinstance(value, int) and not isinstance(value, bool)
    raise AssertionError(kind)
