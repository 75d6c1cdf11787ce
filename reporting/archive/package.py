"""Write a package folder all at once: complete, or not at all — and never absent.

The new package is written into a hidden sibling folder, then swapped into
place.  On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``: at every
instant ``Q2/`` is the old package or the new one, whatever kills the run.
Where the kernel or the file system cannot exchange (Windows, macOS, some
network shares) it is two renames; a run killed between them leaves the old
package in ``.Q2.old-*``, which the next run (under the lock) puts back, and
which ``verify`` names.

A key ending in «/» is an empty folder: folders are content too, kept in
``versions/`` and recorded in the manifest.  File names are kept as the file
system gives them, a name that is not UTF-8 included (as surrogate escapes,
written back byte for byte, and recorded in the manifest as ``\\udcXX``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import signal
import sys
import threading
from pathlib import Path

from .. import __version__
from ..errors import ArchiveError
from ..read.limits import shown_name  # noqa: F401 (the archive's modules name files with it)

MANIFEST = "manifest.json"
INPUTS_DIR = "inputs"
VERSIONS_DIR = "versions"
_STAGING, _RETIRED = ".tmp-", ".old-"


def step(name: str) -> None:
    """A named point of the swap («staged», «retired», «swapped», «committed»): fault-injection tests
    replace this to kill the run exactly there."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_folder(name: str) -> bool:
    return name.endswith("/")


def entries(files: dict[str, bytes]) -> dict[str, dict]:
    return {
        name: {"sha256": sha256(data), "size": len(data)} for name, data in sorted(files.items()) if not is_folder(name)
    }


def json_bytes(data: dict) -> bytes:
    """JSON as UTF-8; a name that is not UTF-8 stays lossless as a \\udcXX escape (valid JSON,
    which json.loads turns back into the very name os.walk gave)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "backslashreplace")


def manifest(
    inputs: dict[str, bytes],
    outputs: dict[str, bytes],
    options: dict,
    status_date: str,
    inputs_archived: bool,
    history: dict | None = None,
    extra: dict | None = None,
    versions: dict[str, bytes] | None = None,
) -> bytes:
    """``outputs`` are this version's generated files (archived inputs and older versions aside);
    ``versions`` the files under ``versions/``, listed so that none can be added, altered or lost."""
    data = {
        "tool": "make-report",
        "version": __version__,
        "options": options,
        "status_date": status_date,
        "inputs": entries(inputs),
        "inputs_archived": inputs_archived,  # copies under inputs/ (not with --no-names)
        "outputs": entries(outputs),
        "versions": entries(versions or {}),
    }
    folders = sorted(name.rstrip("/") for name in versions or {} if is_folder(name))
    if folders:  # empty folders of earlier versions (a folder of scans someone made and left empty)
        data["folders"] = folders
    data.update(extra or {})
    if history:
        data["replaces"] = history
    return json_bytes(data)


def remove_leftovers(target: Path) -> None:
    """Temporary folders of a run that was killed outright (under the lock, so not ours).

    A leftover that is a link is only unlinked: removing "its" tree would
    remove whatever real folder it points at.
    """
    if not target.parent.is_dir():
        return
    for stale in target.parent.glob(f".{target.name}{_STAGING}*"):
        _remove(stale)
    for retired in target.parent.glob(f".{target.name}{_RETIRED}*"):
        if retired.is_symlink():
            retired.unlink()
        elif target.exists() or target.is_symlink():
            _remove(retired)
        else:  # killed between the two renames of the fallback swap: the old package is the one to keep
            retired.rename(target)


def refuse_links_below(outputs: Path, target: Path) -> None:
    """A link on the way from the outputs folder to a package (``outputs/2023-2024 -> elsewhere``)
    would write the archive somewhere else: refused, named.  The outputs folder itself is the
    user's choice and may be a link."""
    current = outputs
    for part in target.relative_to(outputs).parts:
        current = current / part
        if current.is_symlink():
            raise ArchiveError(
                f"{current} — ссылка на другую папку; пакет туда не пишется. Замените ссылку обычной папкой "
                "или укажите настоящую папку архива: --outputs ПАПКА"
            )
        if current.exists() and not current.is_dir():
            what = "пакета" if current == target else "архива"
            raise ArchiveError(f"{current} — файл, а не папка {what}; переименуйте или перенесите его")


def interrupted_swap(target: Path) -> Path | None:
    """The old package set aside by a two-rename swap that was killed halfway, if that is the state."""
    if target.exists() or target.is_symlink() or not target.parent.is_dir():
        return None
    return next(
        (p for p in target.parent.glob(f".{target.name}{_RETIRED}*") if p.is_dir() and not p.is_symlink()), None
    )


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _interrupts_held():
    """Ctrl-C in the middle of the swap is held until the swap is done, then delivered:
    the archive is always either the old package or the new one, and whoever handles the
    interrupt (``on_commit`` told it which) can say which."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending = []
    previous = signal.signal(signal.SIGINT, lambda *_: pending.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
        if pending:
            signal.raise_signal(signal.SIGINT)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    """glibc's renameat2 (2.28+), found without ctypes.util.find_library (which runs ldconfig and gcc)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where this system cannot (then nothing was changed)."""
    import ctypes

    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # this file system cannot exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _stage(staging: Path, files: dict[str, bytes], check_stop) -> None:
    for name, data in files.items():
        check_stop()
        path = staging / name
        if is_folder(name):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, data)


def write_package(target: Path, files: dict[str, bytes], on_commit=None, check_stop=None) -> None:
    """Write ``files`` into a temporary sibling folder, then swap it into place.

    Any failure — an error, a full disk, Ctrl-C, kill -9 — leaves the previous
    package as it was (or, after the swap, the new one complete) and, except
    after kill -9, no temporary folder behind.  ``on_commit(target)`` is called
    the moment the new package is in place (an interrupt after it interrupts
    nothing the archive still needs).  ``check_stop()`` is called between the files
    staged and once more just before the swap: what it raises (Ctrl-C's KeyboardInterrupt)
    rolls the write back, the previous package untouched.
    """
    check_stop = check_stop or (lambda: None)
    parent = target.parent
    token = secrets.token_hex(4)
    staging = parent / f".{target.name}{_STAGING}{token}"
    retired = parent / f".{target.name}{_RETIRED}{token}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        # mkdir, not mkdtemp: the package gets the usual permissions (others on a
        # shared archive read it), not mkdtemp's owner-only 0700.
        staging.mkdir()
    except OSError as exc:
        raise ArchiveError(f"не удалось создать папку {parent}: {exc.strerror or exc}") from exc
    try:
        _stage(staging, files, check_stop)
        step("staged")
        check_stop()  # the last moment to roll back: from here the swap is held together
        with _interrupts_held():
            if not target.exists():
                staging.rename(target)
            elif exchange(staging, target):
                step("swapped")  # the new package is in place; the old one is in the staging folder
            else:
                target.rename(retired)
                step("retired")
                staging.rename(target)
            step("committed")
            if on_commit is not None:
                on_commit(target)
    except BaseException as exc:
        if retired.exists() and not target.exists():
            retired.rename(target)
        if isinstance(exc, OSError):
            raise ArchiveError(f"не удалось записать пакет в {target}: {exc.strerror or exc}") from exc
        raise
    finally:
        _remove(staging)
        if retired.exists() and target.exists():
            _remove(retired)
