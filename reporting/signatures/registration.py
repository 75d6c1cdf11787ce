"""Registration and signature: a signed document's date and number can no longer be written into it
without breaking the signature, so they are given before signing — at build time (``--date``,
``--number``) — or, for a document registered when it is signed, to ``sign --date --number``, which
records them beside the signatures and prints them on the print copy's mark. A package whose
documents still carry blank registration lines is refused, with the exact command that rebuilds it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import InputError, Problem
from ..kinds import Kind

REGISTERED = ("report.pdf", "roadmap.pdf")  # the documents with a date-and-number requisite


@dataclass(frozen=True)
class Registration:
    """``sign --date --number``: one date, and a number per document (``("", N)``: the one document signed)."""

    date: dt.date
    numbers: tuple[tuple[str, str], ...]

    def number_for(self, name: str, documents: int) -> str | None:
        base = PurePosixPath(name).name
        for target, number in self.numbers:
            if target in (name, base):
                return number
        plain = [number for target, number in self.numbers if not target]
        return plain[0] if plain and documents == 1 else None


def parse_registration(date_text: str | None, numbers: tuple[str, ...]) -> Registration | None:
    """The options as typed; None when neither is given. A located refusal for half of them or a bad date."""
    from ..read.cells import CellError, parse_date

    if not date_text and not numbers:
        return None
    if not date_text or not numbers:
        missing = "--number" if date_text else "--date"
        raise InputError([Problem(Kind.BAD_OPTION, missing, "регистрация при подписании: нужны и дата, и номер",
                                  hint="Пример: make-report sign ПАКЕТ report.pdf.sig --date 15.01.2024 --number 01-12/15")])  # fmt: skip
    try:
        day = parse_date(date_text)
    except CellError as exc:
        raise InputError([Problem(Kind.BAD_OPTION, "--date", f"дата не прочитана: {exc}", value=date_text)]) from None
    parsed = []
    for text in numbers:
        target, sign, number = text.partition("=")
        if not (sign and target.strip().endswith(".pdf")):  # «01-12/15»: a plain number (it may hold «=»)
            target, number = "", text
        if not number.strip():
            raise InputError([Problem(Kind.BAD_OPTION, "--number", "пустой регистрационный номер", value=text)])
        parsed.append((target.strip(), number.strip()))
    return Registration(day, tuple(parsed))


def registrations(
    manifest: dict, targets: list[str], given: Registration | None, folder: Path, root: Path
) -> dict[str, dict]:
    """What to record for the documents signed now (file -> {"date", "number"}); InputError, nothing
    written, when a document would be signed with blank registration lines for ever."""
    options = manifest.get("options") or {}
    built = bool(options.get("doc_date")) and bool(options.get("doc_number"))
    recorded = manifest.get("registration") or {}
    documents = sorted({t for t in targets if PurePosixPath(t).name in REGISTERED})
    if built:
        if given is not None:
            roadmap = f", дорожная карта № {options['roadmap_number']}" if options.get("roadmap_number") else ""
            raise InputError([Problem(Kind.BAD_OPTION, "--number", f"документы пакета уже зарегистрированы при сборке: "
                                      f"от {options['doc_date']} № {options['doc_number']}{roadmap}",
                                      hint="Уберите --date и --number")])  # fmt: skip
        return {}
    blank = [d for d in documents if d not in recorded]
    if not blank:
        if given is not None:
            raise InputError([Problem(Kind.BAD_OPTION, "--number", "подписываемые документы уже зарегистрированы "
                                      "или не имеют реквизитов регистрации", hint="Уберите --date и --number")])  # fmt: skip
        return {}
    if given is None:
        raise InputError([Problem(
            Kind.BAD_OPTION, ", ".join(blank),
            "в документах не заполнены дата и регистрационный номер («____ № ____»): после подписания их не "
            "вписать, не нарушив подпись",
            hint="Соберите пакет заново с датой и номером и подпишите новые PDF: " + rebuild_command(manifest, folder, root)
            + "; или, если документ регистрируется при подписании, укажите их здесь: --date ДД.ММ.ГГГГ "
            + _number_options(blank),
        )])  # fmt: skip
    found = {}
    for document in blank:
        number = given.number_for(document, len(blank))
        if number is None:
            raise InputError([Problem(Kind.BAD_OPTION, "--number", f"у каждого документа свой номер: для {document} "
                                      "номер не указан", hint=f"Укажите: {_number_options(blank)}")])  # fmt: skip
        found[document] = {"date": f"{given.date:%d.%m.%Y}", "number": number}
    return found


def _number_options(documents: list[str]) -> str:
    if len(documents) == 1:
        return "--number НОМЕР"
    return " ".join(f"--number {PurePosixPath(d).name}=НОМЕР" for d in documents)


def _quoted(word: str) -> str:
    """A word of a command as both cmd.exe and a POSIX shell read it: plain, or in double quotes."""
    if word and all(ch.isalnum() or ch in "._-/\\:=,+@%" for ch in word):
        return word
    return '"' + word.replace('"', '\\"') + '"'


def rebuild_command(manifest: dict, folder: Path, root: Path) -> str:
    """The command that builds the same package again with the registration filled in (``root``: the
    outputs folder the package is archived in)."""
    options = manifest.get("options") or {}
    inputs = folder / "inputs" if manifest.get("inputs_archived", True) else Path("ПАПКА_ВХОДНЫХ_ДАННЫХ")
    words = ["make-report", "--quarter", str(options.get("quarter", "N")), "--inputs", str(inputs),
             "--outputs", str(root)]  # fmt: skip
    for key, flag in (("no_names", "--no-names"), ("interim", "--interim"), ("no_monitoring", "--no-monitoring"),
                      ("each_organization", "--each-organization"), ("strict", "--strict")):  # fmt: skip
        if options.get(key):
            words.append(flag)
    if options.get("letter"):
        words += ["--letter", options["letter"]]
    if options.get("templates"):
        words += ["--templates", str(options["templates"])]
    numbers = ["--number", "report=НОМЕР", "--number", "roadmap=НОМЕР"] if (folder / "roadmap.pdf").is_file() \
        else ["--number", "НОМЕР"]  # fmt: skip
    words += ["--date", "ДД.ММ.ГГГГ", *numbers, "--force"]
    return " ".join(_quoted(w) for w in words)


def mark_line(entry: dict | None) -> str:
    """The registration as the print copy's mark shows it."""
    return f"Рег. № {entry['number']} от {entry['date']}" if entry else ""
