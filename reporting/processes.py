"""Worker processes that die with the process that started them.

A build renders in worker processes (the documents' helper, the organisations' pool).  Killed
with SIGKILL, the parent cannot stop them, and a worker blocked on its task queue would live on,
holding the caller's stdout and stderr: a CI job or a script waiting for the output would wait for
ever.  On Linux the kernel ends the worker when its parent goes (``PR_SET_PDEATHSIG``); elsewhere
a watcher thread waits on the parent's sentinel and ends the worker the moment it fires.
"""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent() -> None:
    """Call first thing in a worker (a pool's initializer)."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None:  # not a worker of ours: nothing to tie
        return
    if sys.platform.startswith("linux") and _kernel_kills_us_with(parent.pid):
        return
    _watch(parent.sentinel)


def _kernel_kills_us_with(parent_pid: int) -> bool:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):  # no prctl (another libc): the watcher thread instead
        return False
    if os.getppid() != parent_pid:  # the parent went between fork and prctl: nobody would signal us
        os._exit(1)
    return True


def _watch(sentinel) -> None:
    import threading
    from multiprocessing.connection import wait

    def watch() -> None:
        wait([sentinel])  # ready once the parent process is gone
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
