"""Every option of a run in one place (the CLI fills it, the pipeline reads it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .cluster import SchedulerTls
from .inputs import Letter


@dataclass(frozen=True)
class Options:
    quarter: int
    inputs: Path = Path("inputs")
    outputs: Path = Path("outputs")
    no_names: bool = False  # leave staff names out of every document (152-FZ)
    doc_date: str = ""  # registration date printed on the documents, as typed
    doc_number: str = ""  # the report's registration number
    roadmap_number: str = ""  # the corrected roadmap's own (each document has its own number)
    documents: bool = True  # DOCX and PDF; off gives the figures only
    force: bool = False  # replace an archived package built from other inputs (kept in versions/)
    letter: str = ""  # «№ 01-12/345 от 15.01.2024»: attachment marks and a cover letter
    lock_wait: float = 10.0  # seconds a second run waits for the outputs folder
    each_organization: bool = False  # a consolidated package plus one per organisation
    strict: bool = False  # with each_organization: one organisation's bad data stops the run
    jobs: int = 0  # worker processes for per-organisation packages (0: one per core)
    scheduler: str = ""  # a Dask distributed scheduler address instead of local processes
    scheduler_tls: SchedulerTls = SchedulerTls()  # the certificates a tls:// scheduler is reached with
    templates: Path | None = None  # a school's own templates (any of TEMPLATE_FILES), before the shipped ones
    with_names: bool = False  # a letter's package keeps staff names (by default a letter leaves the school without)
    interim: bool = False  # a report on a quarter not yet over, as of ``as_of`` (its title says «промежуточный»)
    no_monitoring: bool = False  # a quarter without monitored weeks: a report on the activities alone
    pdf_engine: str = "auto"  # weasyprint, libreoffice, none; auto: WeasyPrint, else LibreOffice, else none
    as_of: str = ""  # an interim report's status date (ISO), set when the run starts: recorded, so verify agrees
    # The letter as read from ``letter`` by ``pipeline.checked_options`` (render takes it typed).
    letter_details: Letter | None = field(default=None, compare=False)

    @property
    def as_of_date(self):
        """An interim report's day as a date (None: a report on the whole quarter)."""
        import datetime as dt

        return dt.date.fromisoformat(self.as_of) if self.as_of else None

    def recorded(self) -> dict:
        """The options that shape the package, as its manifest and summary.json record them.

        Where the inputs and outputs lie, and how the run went about it, do not
        shape the package (and paths would name the machine it ran on).
        """
        data = asdict(self)
        data["templates"] = templates_digest(self.templates)
        # with_names is what no_names records (a letter without it is a --no-names package)
        for how_not_what in ("inputs", "outputs", "force", "lock_wait", "jobs", "scheduler", "scheduler_tls", "pdf_engine", "letter_details",
                             "with_names"):  # fmt: skip
            data.pop(how_not_what)
        if not data["roadmap_number"]:  # packages from before it was an option record the same bytes as then
            data.pop("roadmap_number")
        return data

    def generated_by(self) -> dict:
        """What made the package: summary.json carries it, so verify can check the manifest's copy."""
        from . import __version__

        return {"tool": "make-report", "version": __version__, "options": self.recorded()}

    @classmethod
    def from_recorded(cls, recorded: dict) -> Options:
        """The options a package was made with, from its manifest (unknown keys ignored)."""
        known = {f.name for f in fields(cls)} - {"inputs", "outputs", "letter_details", "templates", "with_names",
                                                 "scheduler_tls"}  # fmt: skip
        return cls(**{k: v for k, v in recorded.items() if k in known})


DOCUMENT_NAMES = {"report": "report", "report.pdf": "report", "отчёт": "report", "отчет": "report",
                  "roadmap": "roadmap", "roadmap.pdf": "roadmap", "дорожная карта": "roadmap"}  # fmt: skip


def document_numbers(values: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """``--number`` as given, once or per document: «01-12/15» (the report's), «report=01-12/15»,
    «roadmap=01-12/16» (``report.pdf=``/``roadmap.pdf=`` as ``sign`` takes them).  Returns the report's
    and the roadmap's numbers; InputError for a document named twice or a name that is none."""
    from .errors import InputError, Problem

    found: dict[str, str] = {}
    for text in values:
        target, sign, number = text.partition("=")
        named = DOCUMENT_NAMES.get(target.strip().lower()) if sign else None
        if named is None:  # «01-12/15», or a number that holds «=» itself
            named, number = "report", text
        if not number.strip():
            raise InputError([Problem("bad_option", "--number", "параметр указан, но пуст", value=text,
                                      hint="Впишите номер после --number или уберите --number из команды")])  # fmt: skip
        if named in found:
            raise InputError([Problem("bad_option", "--number", "номер этого документа указан дважды", value=text,
                                      hint="По одному номеру на документ: --number report=НОМЕР --number roadmap=НОМЕР")])  # fmt: skip
        found[named] = number.strip()
    return found.get("report", ""), found.get("roadmap", "")


def templates_digest(folder: Path | None) -> str | None:
    """What identifies a school's own templates in the record: their content, never their path."""
    if folder is None:
        return None
    import hashlib

    from .render.fonts import TEMPLATE_FILES

    digest = hashlib.sha256()
    for name in TEMPLATE_FILES:
        if (folder / name).is_file():
            digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
    return "sha256:" + digest.hexdigest()
