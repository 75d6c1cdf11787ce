"""One run at a time per outputs folder: the second waits briefly, then gives up."""

from __future__ import annotations

import contextlib
import fcntl
import time
from pathlib import Path

from ..errors import ArchiveError

LOCK_NAME = ".make-report.lock"


@contextlib.contextmanager
def outputs_lock(outputs: Path, wait_seconds: float = 10.0):
    try:
        outputs.mkdir(parents=True, exist_ok=True)
        handle = open(outputs / LOCK_NAME, "a+b")  # noqa: SIM115 (held for the whole block)
    except OSError as exc:
        raise ArchiveError(f"не удалось открыть папку архива {outputs}: {exc.strerror or exc}") from exc
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ArchiveError(
                        f"папка {outputs} занята другим запуском make-report; дождитесь его окончания и повторите"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        handle.close()  # closing releases the lock
