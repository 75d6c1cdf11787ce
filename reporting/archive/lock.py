"""One run at a time per outputs folder: the second waits briefly, then gives up.

filelock works the same on Linux, Windows and macOS (fcntl is POSIX only);
the lock is released when the process ends, however it ends.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..errors import ArchiveError

LOCK_NAME = ".make-report.lock"


@contextlib.contextmanager
def outputs_lock(outputs: Path, wait_seconds: float = 10.0):
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
        raise ArchiveError(f"не удалось открыть папку архива {outputs}: {exc.strerror or exc}") from exc
    try:
        yield
    finally:
        lock.release()
