"""Files the page hands out: only regular files inside an archived package of the outputs folder,
named by their path inside it (never a path the client makes up), and a package as one ZIP."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: two downloads of one package are the same bytes


def package_file(packages: tuple[Path, ...], outputs: Path, package: str, name: str) -> Path | None:
    """The file ``name`` inside the package ``package`` (both relative, as the page links them), or
    None: unknown package, a name leaving it, a link anywhere on the way, or not a regular file."""
    folder = next((p for p in packages if p.relative_to(outputs).as_posix() == package), None)
    parts = PurePosixPath(name).parts
    if folder is None or not parts or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        return None
    path = folder
    for part in parts:
        path = path / part
        if path.is_symlink():
            return None
    return path if path.is_file() else None


def package_members(folder: Path) -> list[str]:
    """Every regular file of the package folder, as paths inside it (links are never followed)."""
    found = []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(d for d in folders if not Path(root, d).is_symlink())
        for name in sorted(files):
            path = Path(root, name)
            if not path.is_symlink() and path.is_file():
                found.append(path.relative_to(folder).as_posix())
    return found


def package_zip(folder: Path) -> Path:
    """The package's files, byte for byte, in a temporary ZIP (the caller deletes it after sending)."""
    handle, name = tempfile.mkstemp(prefix="make-report-", suffix=".zip")
    os.close(handle)
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in package_members(folder):
            info = zipfile.ZipInfo(member, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / member).read_bytes())
    return Path(name)
