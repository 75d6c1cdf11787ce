"""A school's own templates, checked before any work (they are untrusted input).

Links, encoding and syntax of the HTML templates; a Word template must be a
real .docx, reach nothing outside itself (an external image relationship would
be fetched by every Word that opens the report) and carry no DTD (entities can
read files).  Each refusal is a located ``bad_template`` problem.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from jinja2 import TemplateError

from ..errors import Problems
from ..read.parts import PartRefused, xml_parts
from ..render.sandbox import MAX_TEMPLATE_BYTES, FolderLoader, TemplateRefused, read_template, sandbox, template_problem


def check_templates(folder: Path, names: tuple[str, ...]) -> Problems:
    """A school's templates before any work: links, encoding, syntax, Word files' insides."""
    problems = Problems()
    env = sandbox(FolderLoader((folder,)))
    for name in names:
        path = folder / name
        if not (path.is_file() or path.is_symlink()):
            continue
        try:
            if name.endswith(".docx"):
                _check_docx(path)
            elif name.endswith(".j2"):
                env.parse(*env.loader.get_source(env, name)[:2])
            else:
                read_template(path)
        except (TemplateError, zipfile.BadZipFile) as exc:
            problems.append(template_problem(exc, name, folder))
    return problems


def _check_docx(path: Path) -> None:
    """A Word template is a zip of XML parts: it must be one, hold its document, reach nothing
    outside itself (an external image would be fetched by every Word that opens the report)
    and carry no DTD (entities may read files)."""
    data = read_template(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TemplateRefused(path, "это не документ Word (.docx): файл не открывается как .docx") from None
    with archive:
        if "word/document.xml" not in archive.namelist():
            raise TemplateRefused(path, "это не документ Word (.docx): в нём нет word/document.xml")
        if sum(i.file_size for i in archive.infolist()) > 20 * MAX_TEMPLATE_BYTES:
            raise TemplateRefused(path, "шаблон Word распаковывается в слишком большой объём")
        try:
            for part, xml in xml_parts(archive, (".xml", ".rels")):
                if part.endswith(".rels") and b'TargetMode="External"' in xml.replace(b"'", b'"'):
                    raise TemplateRefused(
                        path, f"шаблон Word ссылается на внешний ресурс ({part}); вставьте рисунок в сам документ"
                    )
        except PartRefused as exc:
            raise TemplateRefused(path, f"шаблон Word не принят: {exc.message}") from None
