"""``make-report verify``: is an archived package still what was written?"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, PackageNotFound, VerificationError
from ..signatures.check import NOT_CHECKED
from .folder import differences, parse_manifest, scan_folder, version_folders
from .package import INPUTS_DIR, MANIFEST, interrupted_swap, sha256, shown_name
from .schema import manifest_shape


@dataclass(frozen=True)
class Verification:
    """What ``verify`` found, what it checked, and what it could not check (and why)."""

    folder: Path
    findings: tuple[str, ...]
    checked: tuple[str, ...]
    unchecked: tuple[str, ...]
    missing: tuple[str, ...] = ()  # documents an incomplete package was written without (no PDF here)

    @property
    def intact(self) -> bool:
        return not self.findings

    def raise_if_broken(self) -> None:
        if self.findings:
            raise VerificationError(str(self.folder), list(self.findings))


def verify_package(folder: Path) -> Verification:
    """Check every file against the manifest, the manifest's own fields against
    summary.json, and (where the inputs are archived) summary.json against the
    figures recomputed from them.  Never raises for what it finds."""
    set_aside = interrupted_swap(folder)
    if set_aside is not None:
        return Verification(
            folder,
            (f"папки пакета нет: его замена была прервана, прежний пакет лежит в {set_aside.name}; "
             "запустите make-report снова (он вернёт пакет на место) или переименуйте эту папку в "
             f"{folder.name}",),
            (), ("файлы пакета: папка на время замены переименована",),
        )  # fmt: skip
    if not folder.is_dir() or folder.is_symlink():
        raise PackageNotFound(str(folder))
    files, odd = scan_folder(folder)
    manifest = parse_manifest(files.get(MANIFEST))
    findings = [f"{shown_name(name)}: ссылка или особый файл вместо файла пакета" for name in odd]
    findings += differences(files, manifest)
    if manifest is None or manifest_shape(manifest):
        why = "описи нет" if manifest is None else "опись повреждена"
        return Verification(folder, tuple(findings), (), (f"показатели и параметры: {why}, сверять не с чем",))
    checked = [f"файлы по описи: {sum(1 for n in files if not n.endswith('/')) - 1}"]
    unchecked: list[str] = []
    if manifest.get("signatures"):
        findings += _signatures(files, manifest["signatures"])
        checked.append(f"электронные подписи перепроверены: {len(manifest['signatures'])}")
        unchecked.append("подписи: " + NOT_CHECKED)
    summary = _json(files.get("summary.json"))
    if summary is not None:
        findings += _manifest_fields(folder, manifest, summary)
        checked.append("параметры, версия и дата статуса в описи сверены с summary.json")
    if findings:
        unchecked.append("показатели не пересчитывались: сначала устраните расхождения с описью")
    elif summary is None:
        unchecked.append("показатели: в пакете нет summary.json")
    elif not manifest.get("inputs_archived"):
        why = (
            "это пакет одной организации, входные данные — в сводном пакете (проверьте его)"
            if "organization" in manifest
            else "входные данные не хранятся в пакете (он сделан с --no-names)"
        )
        unchecked.append(f"показатели не пересчитывались: {why}")
    else:
        findings += _figures(files, manifest, summary)
        checked.append("показатели summary.json пересчитаны из архивных входных данных")
    if "summary.json" in files:  # the value a print copy's QR code carries, to match paper to package
        checked.append(f"SHA-256 summary.json: {sha256(files['summary.json'])}")
    versions = version_folders(files)
    if versions:
        checked.append(f"прежние версии ({len(versions)}) сверены с описью")
        for step in _replacements(manifest):
            unchecked.append(
                f"{step['folder']} при замене уже отличалась от своей описи: " + "; ".join(step["departures"])
            )
    incomplete = manifest.get("incomplete") if isinstance(manifest.get("incomplete"), dict) else {}
    missing = tuple(str(n) for n in incomplete.get("missing") or () if isinstance(n, str))
    return Verification(folder, tuple(findings), tuple(checked), tuple(unchecked), missing)


def _signatures(files: dict[str, bytes], records: list[dict]) -> list[str]:
    """Each recorded signature verified again against the file it signs (the manifest's hashes
    say the bytes are unchanged; this says they still are what was signed)."""
    from ..signatures.check import check_signature
    from ..signatures.cms import NotASignature, read_signature

    found = []
    for entry in records:
        name, target = entry.get("signature"), entry.get("file")
        if not isinstance(name, str) or not isinstance(target, str):
            found.append(f"{MANIFEST}: запись о подписи повреждена")
            continue
        if name not in files or target not in files:
            continue  # named already: the file is missing
        try:
            signature = read_signature(files[name])
        except NotASignature as exc:
            found.append(f"{shown_name(name)}: подпись не читается: {exc}")
            continue
        for check in check_signature(signature, files[target]):
            found += [f"{shown_name(name)} (подпись к {shown_name(target)}): {f}" for f in check.findings]
    return found


def _json(data: bytes | None) -> dict | None:
    try:
        found = json.loads(data) if data is not None else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _replacements(manifest: dict) -> list[dict]:
    history = manifest.get("replaces") or {}
    return [history] if history.get("departures") and history.get("folder") else []


def _manifest_fields(folder: Path, manifest: dict, summary: dict) -> list[str]:
    """The manifest's own fields must agree with summary.json (whose bytes the manifest vouches for)."""
    found = []
    made_by = summary.get("generated_by") or {}
    if made_by:
        for key in ("version", "options"):
            if manifest.get(key) != made_by.get(key):
                found.append(f"{MANIFEST}: поле «{key}» не совпадает с summary.json")
    if manifest.get("status_date") != (summary.get("period") or {}).get("status_date"):
        found.append(f"{MANIFEST}: поле «status_date» не совпадает с summary.json")
    quarter = (manifest.get("options") or {}).get("quarter")
    from ..periods import FOLDER_LETTERS

    named = folder.name[:1] in FOLDER_LETTERS and folder.name[1:].isdigit()  # Q2, T2, M3, H1 (not an organisation's)
    if quarter != summary.get("quarter") or (named and folder.name[1:] != str(quarter)):
        found.append(
            f"{MANIFEST}: номер периода в описи ({quarter}) не совпадает с summary.json или папкой {folder.name}"
        )
    own_inputs = "organization" not in manifest  # an organisation's package shares the consolidated inputs
    if own_inputs and bool(manifest.get("inputs_archived")) == bool((manifest.get("options") or {}).get("no_names")):
        found.append(f"{MANIFEST}: поле «inputs_archived» противоречит параметру no_names")
    return found


def _figures(files: dict[str, bytes], manifest: dict, summary: dict) -> list[str]:
    """Recompute summary.json from the archived inputs (read from memory) and compare."""
    from ..compute.build import build_model
    from ..load import inputs_from_files
    from ..options import Options
    from ..render.summary_json import render_summary
    from .history import figure_changes

    prefix = INPUTS_DIR + "/"
    raw = {name[len(prefix) :]: data for name, data in files.items() if name.startswith(prefix)}
    try:
        options = Options.from_recorded(manifest["options"])
        tolerate = options.each_organization and not options.strict
        model = build_model(inputs_from_files(raw, tolerate), options.quarter, as_of=options.as_of_date)
    except InputError as exc:
        return [f"архивные входные данные не читаются: {exc.problems[0].describe()}"]
    except (KeyError, TypeError, ValueError):
        return [f"{MANIFEST}: параметры в описи повреждены"]
    generated_by = None
    if summary.get("generated_by"):  # made by this version or an earlier one
        generated_by = {**options.generated_by(), "version": manifest.get("version")}
    fresh = render_summary(model, generated_by)
    archived = files["summary.json"]
    if fresh == archived:
        return []
    changes = figure_changes(archived, fresh)
    return [f"summary.json не следует из архивных входных данных ({'; '.join(changes[:5]) or 'формат'})"]
