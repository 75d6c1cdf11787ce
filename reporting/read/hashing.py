"""A binary reader that hashes what passes through it: one reading of a chat export gives both its
SHA-256 and its messages.  The hashing runs on a thread of its own (hashlib lets go of the GIL for
big blocks), so on two cores it costs the decoding nothing; one worker keeps the blocks in order."""

from __future__ import annotations

import hashlib

BLOCK = 1 << 22


class HashingReader:
    def __init__(self, handle):
        from concurrent.futures import ThreadPoolExecutor

        self.handle, self.digest = handle, hashlib.sha256()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")

    def read(self, size: int = -1) -> bytes:
        block = self.handle.read(size)
        self.worker.submit(self.digest.update, block)
        return block

    def finish(self) -> str:
        """The SHA-256 of the whole file, the rest of it read first."""
        while self.read(BLOCK):
            pass
        self.worker.shutdown(wait=True)
        return self.digest.hexdigest()

    def close(self) -> None:
        self.worker.shutdown(wait=True)


def file_sha256(path) -> str:
    with open(path, "rb") as handle:
        reader = HashingReader(handle)
        return reader.finish()
