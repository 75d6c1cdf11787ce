"""A package folder as it is on disk, and how it differs from its manifest.

Both a rerun (may the folder be left as it is? what must go to ``versions/``?)
and ``verify`` start from the same picture: every regular file in the folder,
read without following a link, compared with the entries its manifest names.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import ArchiveError
from .package import INPUTS_DIR, MANIFEST, VERSIONS_DIR, is_folder, sha256, shown_name
from .schema import manifest_shape


def scan_folder(folder: Path) -> tuple[dict[str, bytes], list[str]]:
    """Every regular file under ``folder`` (relative POSIX path → bytes), every empty folder (as
    «path/» → b""), and the links and special files found (relative paths), none of them followed.
    {} if there is no folder."""
    if not folder.exists():
        return {}, []
    files: dict[str, bytes] = {}
    odd: list[str] = []
    try:
        for root, dirs, names in os.walk(folder):
            here = Path(root)
            for name in sorted([*dirs, *names]):
                path = here / name
                if path.is_symlink() or not (path.is_dir() or path.is_file()):
                    odd.append(path.relative_to(folder).as_posix())
            dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
            for name in sorted(names):
                path = here / name
                if not path.is_symlink() and path.is_file():
                    files[path.relative_to(folder).as_posix()] = path.read_bytes()
            if here != folder and not dirs and not names:
                files[here.relative_to(folder).as_posix() + "/"] = b""
    except OSError as exc:
        raise ArchiveError(f"не удалось прочитать папку пакета {folder}: {exc.strerror or exc}") from exc
    return files, odd


def read_folder(folder: Path) -> dict[str, bytes]:
    """``scan_folder`` for a folder about to be rewritten: a link anywhere in a package could point
    at another package or outside the archive, and carrying it into ``versions/`` or removing it
    would copy or destroy what is not ours, so such a folder is refused and left as it is."""
    if folder.is_symlink():
        raise ArchiveError(f"{folder} — ссылка, а не папка пакета; замените её папкой или удалите ссылку")
    if folder.exists() and not folder.is_dir():
        raise ArchiveError(f"{folder} — файл, а не папка пакета; переименуйте или перенесите его")
    files, odd = scan_folder(folder)
    if odd:
        raise ArchiveError(
            f"в папке пакета {folder} есть ссылка или особый файл: {shown_name(odd[0])}; перенесите его из папки пакета"
        )
    return files


def parse_manifest(data: bytes | None) -> dict | None:
    if data is None:
        return None
    try:
        found = json.loads(data.decode("utf-8"))
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def expected_files(manifest: dict) -> dict[str, dict]:
    """Path in the package → {"sha256", "size"}, for every file the manifest vouches for."""
    expected = dict(manifest.get("outputs", {}))
    if manifest.get("inputs_archived"):
        expected.update({f"{INPUTS_DIR}/{n}": e for n, e in manifest.get("inputs", {}).items()})
    expected.update(manifest.get("versions") or {})
    expected.update(manifest.get("signed") or {})  # signatures, print copies, earlier manifests
    return expected


def differences(files: dict[str, bytes], manifest: dict | None, prefix: str = "") -> list[str]:
    """What in ``files`` (a folder's content) departs from ``manifest``, as sentences."""
    if manifest is None:
        state = "повреждён" if MANIFEST in files else "отсутствует"
        return [f"{prefix}{MANIFEST} {state}: содержимое папки не с чем сверить"]
    shape = manifest_shape(manifest)
    if shape:
        return [f"{prefix}{MANIFEST} повреждён: {fault}" for fault in shape]
    expected = expected_files(manifest)
    found = []
    for name, entry in sorted(expected.items()):
        data = files.get(name)
        if data is None:
            found.append(f"{prefix}{shown_name(name)}: файл удалён")
        elif sha256(data) != entry["sha256"] or len(data) != entry["size"]:
            found.append(f"{prefix}{shown_name(name)}: файл изменён после записи")
    legacy = "versions" not in manifest  # packages written before the manifest listed versions/
    extra = (n for n in files if n != MANIFEST and n not in expected and not is_folder(n))
    found += [
        f"{prefix}{shown_name(name)}: лишний файл, его нет в описи"
        for name in sorted(extra)
        if not (legacy and name.startswith(VERSIONS_DIR + "/"))
    ]
    found += _folder_differences(files, manifest, prefix, legacy)
    if legacy:
        for number, content in sorted(version_folders(files).items()):
            found += differences(content, parse_manifest(content.get(MANIFEST)), f"{prefix}{VERSIONS_DIR}/{number}/")
    history = manifest.get("replaces") or {}
    if history.get("folder") and not any(n.startswith(history["folder"] + "/") for n in files):
        found.append(f"{prefix}{history['folder']}: прежняя версия, названная в описи, удалена")
    return found


def _folder_differences(files: dict[str, bytes], manifest: dict, prefix: str, legacy: bool) -> list[str]:
    """Empty folders are content too: one added or removed departs from the manifest."""
    recorded = set(manifest.get("folders") or [])
    present = {name.rstrip("/") for name in files if is_folder(name)}
    found = [
        f"{prefix}{shown_name(name)}/: лишняя папка, её нет в описи"
        for name in sorted(present - recorded)
        if not (legacy and name.startswith(VERSIONS_DIR + "/"))
    ]
    found += [
        f"{prefix}{shown_name(name)}/: папка удалена"
        for name in sorted(recorded - present)
        if not any(n.startswith(name + "/") for n in files)  # it holds a file now: that file is named
    ]
    return found


def version_folders(files: dict[str, bytes]) -> dict[str, dict[str, bytes]]:
    """``versions/N/…`` files grouped by N, paths relative to their version folder."""
    grouped: dict[str, dict[str, bytes]] = {}
    for name, data in files.items():
        parts = name.split("/", 2)
        if len(parts) == 3 and parts[0] == VERSIONS_DIR and parts[2]:
            grouped.setdefault(parts[1], {})[parts[2]] = data
    return grouped
