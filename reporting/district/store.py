"""The district server's database: SQLite in WAL mode in the outputs folder, every SQL statement of
the server in this one module (a larger region can point the same schema at PostgreSQL: the
placeholders and ``BEGIN IMMEDIATE`` are the only dialect here).

Durability: ``synchronous=FULL`` (a commit survives a power cut, not only a crash), every writing
transaction ``BEGIN IMMEDIATE`` (no lock upgrade that fails at once under load), a busy timeout.
Keys are stored as SHA-256 hashes only.  Every query of a school's data carries its organisation,
so another school's id is simply not found."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import re
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATABASE = "district.sqlite3"
BASE32_KEY = re.compile(r"[A-Za-z2-7]{52}")
SCHEMA = """
CREATE TABLE IF NOT EXISTS keys (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    organization TEXT,               -- NULL: a district key (sees everything)
    created TEXT NOT NULL,
    expires TEXT,                    -- ISO date, the last day it works
    last_used TEXT,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL,
    key_id INTEGER NOT NULL REFERENCES keys(id),
    received TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    file TEXT NOT NULL,              -- relative to the server's folder
    name TEXT NOT NULL,              -- as the school sent it (shown, never a path)
    week TEXT,                       -- the Monday it reports, when it reads
    status TEXT NOT NULL,            -- получено | есть ошибки | отклонено
    problems TEXT NOT NULL DEFAULT '[]', -- JSON: the check's problems
    figures TEXT NOT NULL DEFAULT '[]'   -- JSON: [{group, total, active}] of the week it reports
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    organization TEXT NOT NULL,
    status TEXT NOT NULL,            -- на доработке | принято
    comment TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    key_id INTEGER NOT NULL REFERENCES keys(id)
);
CREATE INDEX IF NOT EXISTS reviews_by_submission ON reviews (submission_id, id);
CREATE INDEX IF NOT EXISTS submissions_by_organization ON submissions (organization, id);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,              -- build | consolidate
    arguments TEXT NOT NULL,         -- JSON: what the job is run with again after a restart
    state TEXT NOT NULL,             -- queued | running | done | failed
    outcome TEXT NOT NULL DEFAULT '{}',  -- JSON, once finished
    key_id INTEGER,                  -- who started it (NULL: the serve operator)
    created TEXT NOT NULL,
    started TEXT,
    finished TEXT,
    runs INTEGER NOT NULL DEFAULT 0  -- how many times a worker took it (a restart re-queues)
);
CREATE INDEX IF NOT EXISTS jobs_by_kind ON jobs (kind, created);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    key_id INTEGER,
    action TEXT NOT NULL,
    organization TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
"""


@dataclass(frozen=True)
class Actor:
    key_id: int
    label: str
    organization: str | None  # None: the district

    @property
    def is_district(self) -> bool:
        return self.organization is None


@dataclass(frozen=True)
class KeyRow:
    id: int
    label: str
    organization: str | None
    created: str
    expires: str | None
    last_used: str | None
    revoked: str | None


def new_key() -> str:
    """256 random bits in base32 (A–Z, 2–7): 52 characters a clerk can copy from a printed sheet with no
    0/O or 1/I/l to confuse, shown in groups of four."""
    return base64.b32encode(secrets.token_bytes(32)).decode("ascii").rstrip("=")


def normalize_key(text: str) -> str:
    """A key as typed or pasted: the spaces of its groups gone; a base32 key in any case."""
    key = "".join(text.split())
    return key.upper() if BASE32_KEY.fullmatch(key) else key


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """One connection per use (``sqlite3`` objects stay in their thread); writes in ``BEGIN IMMEDIATE``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / DATABASE
        folder.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.row_factory = sqlite3.Row
        return connection

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        connection = self._connect()
        try:
            yield connection
        finally:
            connection.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    # keys
    def add_key(self, label: str, organization: str | None, expires: dt.date | None) -> tuple[int, str]:
        """A new random key (256 bits); only its hash is kept.  Returns its id and the key, once."""
        key = new_key()
        with self.writing() as db:
            cursor = db.execute(
                "INSERT INTO keys (hash, label, organization, created, expires) VALUES (?, ?, ?, ?, ?)",
                (key_hash(key), label, organization, now(), expires.isoformat() if expires else None),
            )
            _audit(db, None, "key_added", organization, f"ключ {cursor.lastrowid} «{label}»")
            return cursor.lastrowid, key

    def key_rows(self) -> list[KeyRow]:
        with self.reading() as db:
            rows = db.execute(
                "SELECT id, label, organization, created, expires, last_used, revoked FROM keys ORDER BY id"
            )
            return [KeyRow(*row) for row in rows]

    def holds(self, key_id: int, key: str) -> KeyRow | None:
        """Key ``key_id`` when ``key`` is it and it is live (a key sheet is printed only for its own key)."""
        wanted = key_hash(normalize_key(key))
        with self.reading() as db:
            row = db.execute("SELECT id, hash, label, organization, created, expires, last_used, revoked FROM keys "
                             "WHERE id = ?", (key_id,)).fetchone()  # fmt: skip
        if row is None or row["revoked"] or not secrets.compare_digest(row["hash"], wanted):
            return None
        return KeyRow(
            row["id"], row["label"], row["organization"], row["created"], row["expires"], row["last_used"], None
        )

    def revoke_key(self, key_id: int) -> bool:
        with self.writing() as db:
            changed = db.execute(
                "UPDATE keys SET revoked = ? WHERE id = ? AND revoked IS NULL", (now(), key_id)
            ).rowcount
            if changed:
                _audit(db, None, "key_revoked", None, f"ключ {key_id}")
            return bool(changed)

    def actor(self, key: str, today: dt.date | None = None) -> Actor | None:
        """Who holds ``key``: found by its hash (the compare is the index's, on a hash the caller cannot
        steer), live and not expired; its last use noted."""
        key = normalize_key(key or "")
        if not key or len(key) > 200:
            return None
        wanted = key_hash(key)
        with self.writing() as db:
            row = db.execute("SELECT id, hash, label, organization, expires, revoked FROM keys WHERE hash = ?",
                             (wanted,)).fetchone()  # fmt: skip
            if row is None or not secrets.compare_digest(row["hash"], wanted) or row["revoked"]:
                return None
            day = (today or dt.date.today()).isoformat()
            if row["expires"] and row["expires"] < day:
                return None
            db.execute("UPDATE keys SET last_used = ? WHERE id = ?", (now(), row["id"]))
            return Actor(row["id"], row["label"], row["organization"])

    # submissions
    def add_submission(self, actor: Actor, organization: str, received: str, sha256: str, size: int, file: str,
                       name: str, week: str | None, status: str, problems_json: str, figures_json: str = "[]") -> int:  # fmt: skip
        with self.writing() as db:
            cursor = db.execute(
                "INSERT INTO submissions (organization, key_id, received, sha256, size, file, name, week, status, problems,"
                " figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    organization,
                    actor.key_id,
                    received,
                    sha256,
                    size,
                    file,
                    name,
                    week,
                    status,
                    problems_json,
                    figures_json,
                ),
            )
            _audit(db, actor.key_id, "submitted", organization, f"отправка {cursor.lastrowid}: {status}")
            return cursor.lastrowid

    def submissions(self, actor: Actor) -> list[sqlite3.Row]:
        """The actor's own organisation's submissions, newest first (every one for the district)."""
        query = "SELECT * FROM submissions {} ORDER BY id DESC"
        with self.reading() as db:
            if actor.is_district:
                return db.execute(query.format("")).fetchall()
            return db.execute(query.format("WHERE organization = ?"), (actor.organization,)).fetchall()

    def submission(self, actor: Actor, submission_id: int) -> sqlite3.Row | None:
        with self.reading() as db:
            if actor.is_district:
                return db.execute("SELECT * FROM submissions WHERE id = ?", (submission_id,)).fetchone()
            return db.execute("SELECT * FROM submissions WHERE id = ? AND organization = ?",
                              (submission_id, actor.organization)).fetchone()  # fmt: skip

    def review(self, actor: Actor, submission_id: int, status: str, comment: str) -> bool:
        """The district's decision on a submission; False when there is no such submission."""
        with self.writing() as db:
            row = db.execute("SELECT organization FROM submissions WHERE id = ?", (submission_id,)).fetchone()
            if row is None:
                return False
            db.execute("INSERT INTO reviews (submission_id, organization, status, comment, at, key_id) VALUES (?, ?, ?, ?, ?, ?)",
                       (submission_id, row["organization"], status, comment, now(), actor.key_id))  # fmt: skip
            _audit(db, actor.key_id, "reviewed", row["organization"], f"отправка {submission_id}: {status}")
            return True

    def reviews(self, actor: Actor, submission_id: int) -> list[sqlite3.Row]:
        """A submission's reviews, oldest first: the district's comments the school sees."""
        with self.reading() as db:
            if actor.is_district:
                return db.execute(
                    "SELECT * FROM reviews WHERE submission_id = ? ORDER BY id", (submission_id,)
                ).fetchall()
            return db.execute("SELECT * FROM reviews WHERE submission_id = ? AND organization = ? ORDER BY id",
                              (submission_id, actor.organization)).fetchall()  # fmt: skip

    def latest_by_organization(self, week: str) -> dict[str, tuple[sqlite3.Row, sqlite3.Row | None]]:
        """For the district's board: each organisation's latest submission for ``week`` (refused ones left
        out) with its latest review, if any."""
        with self.reading() as db:
            rows = db.execute(
                "SELECT * FROM submissions WHERE week = ? AND status != 'отклонено' AND id IN "
                "(SELECT max(id) FROM submissions WHERE week = ? AND status != 'отклонено' GROUP BY organization)",
                (week, week),
            ).fetchall()
            found = {}
            for row in rows:
                review = db.execute("SELECT * FROM reviews WHERE submission_id = ? ORDER BY id DESC LIMIT 1",
                                    (row["id"],)).fetchone()  # fmt: skip
                found[row["organization"]] = (row, review)
            return found

    def chosen_submissions(self, until: str) -> list[sqlite3.Row]:
        """For a consolidation: each organisation's latest submission (refused ones left out) for every
        week up to ``until``, with the district's latest decision on it (``decision``, or NULL)."""
        with self.reading() as db:
            return db.execute(
                "SELECT s.*, (SELECT r.status FROM reviews r WHERE r.submission_id = s.id ORDER BY r.id DESC LIMIT 1)"
                " AS decision FROM submissions s WHERE s.id IN (SELECT max(id) FROM submissions WHERE week <= ? AND"
                " status != 'отклонено' GROUP BY organization, week) ORDER BY s.organization, s.week",
                (until,),
            ).fetchall()

    # jobs: a restart finds each one finished or queued again (``requeue``), never half-done
    def add_job(self, job_id: str, kind: str, arguments_json: str, key_id: int | None) -> None:
        with self.writing() as db:
            db.execute("INSERT INTO jobs (id, kind, arguments, state, key_id, created) VALUES (?, ?, ?, 'queued', ?, ?)",
                       (job_id, kind, arguments_json, key_id, now()))  # fmt: skip
            _audit(db, key_id, "job_queued", None, f"задание {job_id}: {kind}")

    def job_started(self, job_id: str) -> None:
        with self.writing() as db:
            db.execute("UPDATE jobs SET state = 'running', started = ?, runs = runs + 1 WHERE id = ?", (now(), job_id))

    def job_finished(self, job_id: str, state: str, outcome_json: str) -> None:
        with self.writing() as db:
            db.execute("UPDATE jobs SET state = ?, outcome = ?, finished = ? WHERE id = ?",
                       (state, outcome_json, now(), job_id))  # fmt: skip
            _audit(db, None, "job_finished", None, f"задание {job_id}: {state}")

    def job(self, job_id: str) -> sqlite3.Row | None:
        with self.reading() as db:
            return db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()

    def last_job(self, kind: str) -> sqlite3.Row | None:
        with self.reading() as db:
            return db.execute("SELECT * FROM jobs WHERE kind = ? ORDER BY created DESC, rowid DESC LIMIT 1",
                              (kind,)).fetchone()  # fmt: skip

    def requeue(self) -> list[sqlite3.Row]:
        """At start: a job a stopped server left running is queued again; every unfinished job, oldest first."""
        with self.writing() as db:
            for row in db.execute("SELECT id FROM jobs WHERE state = 'running'").fetchall():
                db.execute("UPDATE jobs SET state = 'queued' WHERE id = ?", (row["id"],))
                _audit(db, None, "job_requeued", None, f"задание {row['id']}: прервано остановкой сервера")
            return db.execute("SELECT * FROM jobs WHERE state = 'queued' ORDER BY created, rowid").fetchall()

    def files(self) -> set[str]:
        with self.reading() as db:
            return {row[0] for row in db.execute("SELECT file FROM submissions")}


def _audit(db: sqlite3.Connection, key_id: int | None, action: str, organization: str | None, detail: str) -> None:
    db.execute("INSERT INTO audit (at, key_id, action, organization, detail) VALUES (?, ?, ?, ?, ?)",
               (now(), key_id, action, organization, detail))  # fmt: skip
