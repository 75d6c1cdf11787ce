"""The readers' shared limits: what kind of file is opened, how much of it is read, how deep its
structure may nest and which encoding it must be in.  Every reader that takes a path from a user
goes through here, so a FIFO, a device, a file that never ends, JSON or TOML nested past reason
or a file in another encoding is a located refusal with a hint, never a hang, a MemoryError or
an internal error.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# Nesting past this is no export or settings file a person or a program of theirs writes: JSON
# and TOML parsers recurse per level, and Python's stack ends near 1 000.
MAX_DEPTH_MESSAGE = "структура вложена слишком глубоко (сотни уровней [ или {{) — это не {what}"

MAX_SIGNATURE_FILE = 64 << 20  # a detached signature is a few KB; an attached one holds its document
MAX_SIGNED_FILE = 1 << 30  # a document checked with sign --check
MAX_TABLE_FILE = 1 << 30  # a workbook or document: a region's 100 000 people × 36 weeks is ≈ 60 MB
MAX_SETTINGS_FILE = 1 << 20  # school.toml, layout.toml: a few KB


def input_cap(name: str) -> int:
    """How large an input of this name may be."""
    return MAX_SETTINGS_FILE if name.endswith(".toml") else MAX_TABLE_FILE


_KINDS = (
    (stat.S_ISDIR, "папка, а не файл"),
    (stat.S_ISFIFO, "именованный канал (FIFO), а не файл: из него можно читать бесконечно"),
    (stat.S_ISCHR, "устройство, а не файл"),
    (stat.S_ISBLK, "блочное устройство, а не файл"),
    (stat.S_ISSOCK, "сокет, а не файл"),
)


class NotReadable(OSError):
    """A path that is not a regular file of a sensible size; ``strerror`` is the Russian reason,
    so every handler of OSError already says it."""

    def __init__(self, reason: str, path: Path | str):
        super().__init__(errno.EINVAL, reason, str(path))


def _kind_problem(mode: int) -> str | None:
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return None if stat.S_ISREG(mode) else "не обычный файл"


def _size_text(cap: int) -> str:
    return f"{cap >> 30} ГБ" if cap >= 1 << 30 else f"{cap >> 20} МБ"


def _refuse_unless_regular(status: os.stat_result, path: Path | str, cap: int) -> None:
    kind = _kind_problem(status.st_mode)
    if kind:
        raise NotReadable(kind, path)
    if status.st_size > cap:
        raise NotReadable(f"файл больше {_size_text(cap)} — это не тот файл", path)


def check_regular(path: Path | str, cap: int) -> None:
    """NotReadable (an OSError) naming what the path is, unless it is a regular file of at most
    ``cap`` bytes (a reader that streams the file opens it itself)."""
    _refuse_unless_regular(os.stat(path), path, cap)


def read_regular(path: Path | str, cap: int) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes.  Checked before opening (a socket
    cannot even be opened), then again on what was opened, without blocking (a FIFO put there
    meanwhile); a file that grows while it is read is refused at the cap, not read until memory
    runs out."""
    check_regular(path, cap)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(descriptor, "rb") as handle:
        _refuse_unless_regular(os.fstat(handle.fileno()), path, cap)
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise NotReadable(f"файл растёт, пока его читают, и уже больше {_size_text(cap)} — это не тот файл", path)
    return data


def not_utf8(sample: bytes, what: str) -> tuple[str, str]:
    """Why a file that must be UTF-8 is not, and what to do (message, hint): a Windows-1251 file
    (Notepad's «ANSI», a file saved again by Excel) is named as such."""
    text = sample.decode("cp1251", errors="replace")
    cyrillic = sum(1 for c in text if "А" <= c <= "я" or c in "Ёё")
    if cyrillic >= 3 and cyrillic * 4 >= sum(1 for c in text if not c.isascii()) * 3:
        return (
            f"файл в кодировке Windows-1251, а {what} бывает только в UTF-8",
            "Откройте файл в Блокноте, выберите «Файл → Сохранить как», кодировка «UTF-8», сохраните "
            "под тем же именем и запустите снова",
        )
    return f"файл не в кодировке UTF-8, а {what} бывает только в UTF-8", "Выгрузите файл заново"


def shown_name(name: str) -> str:
    """A file name for a message: bytes that are not UTF-8 as \\xNN (printing them would fail)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def file_name_problem(relative: str) -> str | None:
    """A file or folder name that is not UTF-8 (a ZIP unpacked with another code page): it cannot
    be named in a report, a manifest or a message, so the file is refused by the folder it is in."""
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return (
            "имя файла или папки не в кодировке UTF-8 (так бывает после распаковки архива на другом "
            "компьютере): переименуйте их по-русски или латиницей"
        )
    return None
