"""PDFs through LibreOffice, where WeasyPrint's libraries (Pango) cannot load: a Windows PC
without MSYS2 usually has LibreOffice (or Р7-Офис, МойОфис beside it), and so do Astra, РЕД ОС
and Альт.

The package's own DOCX files are converted as LibreOffice's «PDF/A-3b» export makes them; then
pypdf makes the result the package's: the creation date is the status date (as WeasyPrint's PDFs
have it), the document id is derived from the content, LibreOffice's private checksum goes, and
``report.pdf`` carries ``data.xlsx`` as PDF/A-3 wants an attachment (``/AF``, its relationship,
type and date).  The same DOCX then give the same PDF bytes, so a rerun recognises its package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import PdfUnavailable

TIMEOUT = 300  # seconds for one conversion of a package's documents (a cold start takes a few)
EXPORT = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"3"}}'  # PDF/A-3b (LibreOffice ≥ 7.4)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH (Linux packages, a Windows PATH entry), then where the
    Windows installer puts it (the registry's install path, Program Files)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for folder in _windows_folders():
            candidate = Path(folder) / "program" / "soffice.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def _windows_folders() -> list[str]:
    folders = []
    try:
        import winreg

        for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
            for key in (r"SOFTWARE\LibreOffice\UNO\InstallPath", r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath"):
                try:
                    with winreg.OpenKey(root, key) as opened:
                        folders.append(str(Path(winreg.QueryValueEx(opened, "")[0]).parent))
                except OSError:
                    continue
    except ImportError:  # pragma: no cover - not Windows
        pass
    for variable in ("ProgramFiles", "ProgramFiles(x86)"):
        if os.environ.get(variable):
            folders.append(str(Path(os.environ[variable]) / "LibreOffice"))
    return folders


def convert(documents: dict[str, bytes], day: dt.date, attachments: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    """``report.docx`` → ``report.pdf`` and so on, as the package's PDFs; ``attachments``: the
    files a PDF carries (``{"report.pdf": {"data.xlsx": …}}``)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("не найден LibreOffice (soffice) для --pdf-engine libreoffice")
    work = Path(tempfile.mkdtemp(prefix="libreoffice-"))
    try:
        for name, data in documents.items():
            (work / name).write_bytes(data)
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nologo", "--convert-to", EXPORT, "--outdir", str(work / "pdf"), *(str(work / n) for n in documents)]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(f"LibreOffice не сделал PDF ({type(exc).__name__}): {soffice}") from exc
        made = {}
        for name in documents:
            pdf = work / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                said = done.stderr.decode("utf-8", "replace").strip()[-300:]
                raise PdfUnavailable(
                    f"LibreOffice не сделал {pdf.name} (код {done.returncode}): {said or 'без сообщения'}"
                )
            made[pdf.name] = normalized(pdf.read_bytes(), day, attachments.get(pdf.name, {}), documents[name])
        return made
    finally:
        shutil.rmtree(work, ignore_errors=True)


def normalized(data: bytes, day: dt.date, attachments: dict[str, bytes], source: bytes) -> bytes:
    """LibreOffice's PDF as the package's: dated, identified by what it was made from (``source``,
    the DOCX, and the attachments), with its attachments."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=io.BytesIO(data))
    stamp = f"D:{day:%Y%m%d}000000Z"
    dated = {"/CreationDate": stamp}  # merged into LibreOffice's own info (title, author) as each pypdf does
    if "/ModDate" in (writer.metadata or {}):
        dated["/ModDate"] = stamp
    writer.add_metadata(dated)
    if "/OpenAction" in writer.root_object:  # LibreOffice's «open at page 1»: an action PDF/A checkers question
        del writer.root_object["/OpenAction"]
    _xmp_dates(writer, day)
    _icc_dates(writer)
    for name, content in attachments.items():
        writer.add_attachment(name, content)
    if attachments:
        specs = ArrayObject()
        names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
        for index in range(1, len(names), 2):
            if not isinstance(names[index], IndirectObject):  # pypdf before 7 writes it direct; PDF/A wants a reference
                names[index] = writer._add_object(names[index])  # noqa: SLF001 (the one way across pypdf 4–7)
            spec = names[index].get_object()
            spec[NameObject("/AFRelationship")] = NameObject("/Data")
            spec[NameObject("/UF")] = TextStringObject(str(names[index - 1]))  # PDF/A-3: /F and /UF
            spec[NameObject("/Desc")] = TextStringObject("Показатели отчёта")
            stream = spec["/EF"]["/F"].get_object()
            stream[NameObject("/Subtype")] = NameObject("/" + XLSX)  # pypdf writes the «/» as #2F
            params = DictionaryObject({NameObject("/ModDate"): TextStringObject(stamp)})
            stream[NameObject("/Params")] = params
            specs.append(names[index])
        writer.root_object[NameObject("/AF")] = specs
    made_from = hashlib.md5(source, usedforsecurity=False)
    for name in sorted(attachments):
        made_from.update(name.encode() + b"\0" + attachments[name])
    identity = ByteStringObject(made_from.digest())
    writer._ID = ArrayObject([identity, identity])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _icc_dates(writer) -> None:
    """LibreOffice makes its output intent's sRGB profile on the fly, stamped with the time: the
    header's date (bytes 24–35) fixed and its optional MD5 id (84–99) zeroed («not computed»)."""
    for intent in writer.root_object.get("/OutputIntents") or []:
        reference = intent.get_object().get("/DestOutputProfile")
        if reference is None:
            continue
        stream = reference.get_object()
        profile = bytearray(stream.get_data())
        if len(profile) >= 128:
            profile[24:36] = bytes(12)
            profile[84:100] = bytes(16)
            stream.set_data(bytes(profile))


_XMP_DATE = re.compile(rb"(<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)>)[^<]*(</\2>)")


def _xmp_dates(writer, day: dt.date) -> None:
    reference = writer.root_object.get("/Metadata")
    if reference is None:
        return
    stream = reference.get_object()
    stamp = f"{day:%Y-%m-%d}T00:00:00Z".encode()
    stream.set_data(_XMP_DATE.sub(lambda m: m.group(1) + stamp + m.group(3), stream.get_data()))
