"""One run at a time per outputs folder: the second waits briefly, then gives up.

filelock works the same on Linux, Windows and macOS (fcntl is POSIX only);
the lock is released when the process ends, however it ends.
"""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path

from ..errors import ArchiveError

LOCK_NAME = ".make-report.lock"


_READ_ONLY = (errno.EACCES, errno.EROFS, errno.EPERM)


@contextlib.contextmanager
def outputs_lock(outputs: Path, wait_seconds: float = 10.0):
    """Yields True under the lock, or False when the archive is read-only for this user (a
    read-only share, a burned disc): a run may still find its package there unchanged and touch
    nothing; anything that would write must refuse (``refuse_read_only``)."""
    from filelock import FileLock, Timeout

    try:
        outputs.mkdir(parents=True, exist_ok=True)
        lock = FileLock(outputs / LOCK_NAME, timeout=wait_seconds)
        lock.acquire(poll_interval=0.1)
    except Timeout:
        raise ArchiveError(
            f"папка {outputs} занята другим запуском make-report; дождитесь его окончания и повторите"
        ) from None
    except OSError as exc:
        if outputs.is_dir() and exc.errno in _READ_ONLY:
            yield False
            return
        raise ArchiveError(f"не удалось открыть папку архива {outputs}: {exc.strerror or exc}") from exc
    try:
        yield True
    finally:
        lock.release()


def refuse_read_only(outputs: Path) -> ArchiveError:
    return ArchiveError(
        f"папка архива {outputs} доступна только для чтения, а пакет нужно записать; "
        "дайте права на запись или укажите другую папку: --outputs ПАПКА"
    )
