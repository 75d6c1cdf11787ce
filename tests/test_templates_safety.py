"""A school's own templates are untrusted: they run in a sandbox, read nothing outside their folder,
and a broken one is a located input problem (exit 2), never an internal error."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from reporting.render.fonts import TEMPLATES

ESCAPE = '{{ cycler.__init__.__globals__.os.popen("touch MARKER").read() }}'

# The line of the shipped report template's heading, where the tests write their fragment.
H1_LINE = next(
    number
    for number, line in enumerate((TEMPLATES / "report.html.j2").read_text(encoding="utf-8").splitlines(), 1)
    if "<h1>{{ v.report_kind }}</h1>" in line
)


def own_html(tmp_path: Path, replace: str, by: str, name: str = "report.html.j2") -> Path:
    folder = tmp_path / "own"
    folder.mkdir(exist_ok=True)
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    assert replace in text
    (folder / name).write_text(text.replace(replace, by, 1), encoding="utf-8")
    return folder


def own_docx(tmp_path: Path, edit, name: str = "report.docx") -> Path:
    """A copy of a shipped Word template with ``edit(part, bytes) -> bytes`` applied to each part."""
    folder = tmp_path / "own"
    folder.mkdir(exist_ok=True)
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATES / name) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, edit(info.filename, source.read(info.filename)))
    (folder / name).write_bytes(out.getvalue())
    return folder


def refused(run, *fragments: str) -> None:
    assert run.exit_code == 2, run.output
    assert "Traceback" not in run.output and "Внутренняя ошибка" not in run.output
    for fragment in fragments:
        assert fragment in run.output, run.output
    assert not run.package.exists()


@pytest.mark.parametrize(
    "by",
    [
        ESCAPE,
        "{{ v.__class__.__mro__[1].__subclasses__() }}",
        "{{ v.items.__self__ }}",
        "{{ lipsum.__globals__ }}",
        "{% set _ = v.update({'org_full': 'x'}) %}",
    ],
)
def test_an_html_template_cannot_reach_python(inputs, run_cli, tmp_path, monkeypatch, by):
    monkeypatch.chdir(tmp_path)
    folder = own_html(tmp_path, "<h1>{{ v.report_kind }}</h1>", f"<h1>{{{{ v.report_kind }}}} {by}</h1>")
    run = run_cli(inputs, 2, "--templates", str(folder))
    refused(run, f"report.html.j2, строка {H1_LINE}", "шаблон")
    assert not (tmp_path / "MARKER").exists()


def test_a_word_template_cannot_run_code(inputs, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def inject(part: str, data: bytes) -> bytes:
        return data.replace("Отчётный период".encode(), ESCAPE.encode(), 1) if part == "word/document.xml" else data

    folder = own_docx(tmp_path, inject)
    run = run_cli(inputs, 2, "--templates", str(folder))
    refused(run, f"{folder.as_posix()}/report.docx", "обращаться к «__init__» нельзя")
    assert not (tmp_path / "MARKER").exists()


def test_a_template_that_is_a_link_is_not_followed(inputs, run_cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0 SECRET", encoding="utf-8")
    for name in ("report.html.j2", "document.css"):
        folder = tmp_path / f"own-{name}"
        folder.mkdir()
        (folder / name).symlink_to(secret)
        run = run_cli(inputs, 2, "--templates", str(folder), outputs=tmp_path / f"out-{name}")
        refused(run, f"{name}: шаблон — ссылка")


def test_a_stylesheet_url_outside_the_folder_is_blocked(inputs, run_cli, tmp_path):
    """A resource named by a template that leads out of the folder is refused; the document
    renders without it, never with the outside file in it."""
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>SECRET</text></svg>', encoding="utf-8")
    folder = own_html(
        tmp_path,
        "<h1>{{ v.report_kind }}</h1>",
        '<h1>{{ v.report_kind }}</h1><img src="../secret.svg"><img src="/etc/hostname">',
    )
    run = run_cli(inputs, 2, "--templates", str(folder))
    assert run.exit_code == 0, run.output
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(run.package / "report.pdf").pages)
    assert "SECRET" not in text


def test_a_word_template_with_an_external_relationship_is_refused(inputs, run_cli, tmp_path):
    external = (
        b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        b'Target="http://example.invalid/track.png" TargetMode="External"/></Relationships>'
    )

    def add(part: str, data: bytes) -> bytes:
        return data.replace(b"</Relationships>", external) if part == "word/_rels/document.xml.rels" else data

    run = run_cli(inputs, 2, "--templates", str(own_docx(tmp_path, add)))
    refused(run, "report.docx", "внешний ресурс (word/_rels/document.xml.rels)")


def test_a_word_template_with_a_dtd_is_refused(inputs, run_cli, tmp_path):
    def dtd(part: str, data: bytes) -> bytes:
        if part != "word/document.xml":
            return data
        head, rest = data.split(b"?>", 1)
        return head + b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + rest

    run = run_cli(inputs, 2, "--templates", str(own_docx(tmp_path, dtd)))
    refused(run, "report.docx", "DTD")


@pytest.mark.parametrize(
    ("by", "fragments"),
    [
        ("{% if %}", (f"report.html.j2, строка {H1_LINE}", "ошибка в шаблоне")),
        ("{{ v.no_such_field }}", (f"report.html.j2, строка {H1_LINE}", "нет поля «no_such_field»")),
        ("{{ nothing }}", (f"report.html.j2, строка {H1_LINE}", "«nothing» не определено")),
        ('{% include "missing.html.j2" %}', (f"report.html.j2, строка {H1_LINE}", "«missing.html.j2», которого нет")),
    ],
)
def test_a_broken_html_template_is_named_with_its_line(inputs, run_cli, tmp_path, by, fragments):
    folder = own_html(tmp_path, "<h1>{{ v.report_kind }}</h1>", f"<h1>{{{{ v.report_kind }}}}</h1>{by}")
    refused(run_cli(inputs, 2, "--templates", str(folder)), *fragments)


def test_a_template_not_in_utf8_and_a_word_file_that_is_not_one(inputs, run_cli, tmp_path):
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "letter.html.j2").write_bytes("строка 1\nПисьмо\n".encode("cp1251"))
    (folder / "roadmap.docx").write_bytes(b"not a zip")
    run = run_cli(inputs, 2, "--templates", str(folder))
    refused(
        run,
        "letter.html.j2, строка 1: ошибка в шаблоне: шаблон не в кодировке UTF-8",
        "roadmap.docx: это не документ Word",
    )


def test_following_the_hint_gives_a_package(inputs, run_cli, tmp_path):
    """«уберите его из папки --templates»: with the broken file gone, the shipped one is used."""
    folder = own_html(tmp_path, "<h1>{{ v.report_kind }}</h1>", "<h1>{{ v.report_kind }} {{ v.no_such_field }}</h1>")
    shutil.copy(TEMPLATES / "document.css", folder / "document.css")
    refused(run_cli(inputs, 2, "--templates", str(folder)), "уберите его из папки --templates")
    (folder / "report.html.j2").unlink()
    assert run_cli(inputs, 2, "--templates", str(folder)).exit_code == 0
