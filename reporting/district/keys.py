"""Access keys for the district server: one per school (it sees its own organisation only) or the
district's (it sees everything).  The key is shown once, when made; only its hash is stored."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from ..errors import InputError, Problem
from ..read.text import normalize
from .store import KeyRow, Store
from .submissions import organizations

FOLDER = "district"  # under outputs/: the database and the submissions' files


def store_of(outputs: Path) -> Store:
    return Store(outputs / FOLDER)


def add_key(inputs: Path, outputs: Path, organization: str | None, label: str = "",
            expires: dt.date | None = None) -> tuple[int, str, str | None]:  # fmt: skip
    """A new key for ``organization`` (as ``organizations.xlsx`` names it) or, with None, the district's.
    Returns (id, key, the organisation's name as listed)."""
    if expires is not None and expires < dt.date.today():
        raise InputError([Problem("bad_option", "--expires", "срок действия ключа уже прошёл", value=f"{expires:%d.%m.%Y}",
                                  hint="Укажите дату в будущем или уберите --expires (ключ без срока)")])  # fmt: skip
    name = None
    if organization is not None:
        name = _listed(inputs, organization)
    key_id, key = store_of(outputs).add_key(label or name or "район", name, expires)
    return key_id, key, name


def _listed(inputs: Path, wanted: str) -> str:
    listed = organizations(inputs)
    if not listed:
        raise InputError([Problem("missing_file", "organizations.xlsx",
                                  "ключ школы выдаётся организации из списка, а списка организаций нет",
                                  hint=f"Положите organizations.xlsx района в {inputs} (лист «Организации»)")])  # fmt: skip
    found = [n for n in listed if normalize(n) == normalize(wanted)]
    if found:
        return found[0]
    close = difflib.get_close_matches(wanted, listed, n=3, cutoff=0.5)
    hint = (
        ("Может быть: " + ", ".join(f"«{c}»" for c in close)) if close else "Впишите название, как в organizations.xlsx"
    )
    raise InputError([Problem("bad_option", "ОРГАНИЗАЦИЯ", f"организации «{wanted}» нет в organizations.xlsx",
                              value=wanted, hint=hint)])  # fmt: skip


def list_keys(outputs: Path) -> list[KeyRow]:
    """Every key made, revoked ones too; none (and nothing created) where no server has run."""
    from .store import DATABASE

    if not (outputs / FOLDER / DATABASE).is_file():
        return []
    return store_of(outputs).key_rows()


def revoke_key(outputs: Path, key_id: int) -> None:
    if not store_of(outputs).revoke_key(key_id):
        raise InputError([Problem("bad_option", "ID", f"ключа {key_id} нет или он уже отозван", value=str(key_id),
                                  hint="Номера ключей: make-report keys list")])  # fmt: skip


def key_sheet(inputs: Path, outputs: Path, key_id: int, key: str, base: str) -> bytes:
    """The «Ключ доступа» sheet (PDF) of key ``key_id``, for the letter: only for the key itself, live,
    and an address a school can open (``http(s)://host[:port]``)."""
    from urllib.parse import urlsplit

    from ..render.key_sheet import KeySheet, key_sheet_pdf
    from ..validate.school import read_school
    from .store import normalize_key

    parts = urlsplit(base.strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
    ):
        raise InputError([Problem("bad_option", "--address", "адрес сервера района записывается как https://имя[:порт]",
                                  value=base[:200], hint="Например: --address https://otchet.rayon.ru")])  # fmt: skip
    row = store_of(outputs).holds(key_id, key)
    if row is None:
        raise InputError([Problem("bad_option", "ID", f"ключ не совпадает с ключом {key_id}, или тот отозван",
                                  value=str(key_id), hint="Лист печатается для действующего ключа: возьмите номер "
                                  "из make-report keys list и сам ключ, выданный keys add")])  # fmt: skip
    school = read_school(inputs)
    district = (school.full_name or school.short_name or "") if school is not None else ""
    expires = dt.date.fromisoformat(row.expires) if row.expires else None
    sheet = KeySheet(district, row.organization or "район (все организации)", row.id, normalize_key(key),
                     dt.date.fromisoformat(row.created[:10]), expires, f"{parts.scheme}://{parts.netloc}")  # fmt: skip
    return key_sheet_pdf(sheet)


OPERATOR = "страница района"  # the label of the key row the serve operator's decisions are recorded under


def operator(store: Store):
    """Who decides on the board: whoever started ``serve --district`` (signed in by its one-time link, no
    key of theirs).  Their decisions are recorded under a district key row of their own, made once; its
    key is never shown, so nobody can use it to enter."""
    from .store import Actor

    found = next((k for k in store.key_rows() if k.organization is None and k.label == OPERATOR and not k.revoked),
                 None)  # fmt: skip
    key_id = found.id if found else store.add_key(OPERATOR, None, None)[0]
    return Actor(key_id, OPERATOR, None)
