"""The approved roadmap kept only as roadmap.docx (issue 16): its activities table read as
«Дорожная карта» and the target indicators read from its preamble, as the approved roadmap has them
(../shared/seed/), wording verbatim; a hostile document is refused before python-docx parses it."""

from __future__ import annotations

import zipfile

from docx import Document

from reporting import check

from .builders import make_inputs
from .test_errors import assert_refused

INTRO = "Дорожная карта является выполненной при достижении следующих целевых показателей к 30.12.2023:"
TEACHERS = ("– 100% педагогических работников муниципальных образовательных организаций, реализующих основные "
            "общеобразовательные программы начального общего, основного общего, среднего общего образования, а также "
            "дошкольного и дополнительного образования используют Сферум/VK Мессенджер в рамках исполнения должностных "
            "обязанностей при организации образовательной деятельности и/или организации коммуникаций в сети Интернет "
            "с обучающимися и родителями (законными представителями) (показатель еженедельного мониторинга – "
            "количество педагогических работников, написавших не менее 10 сообщений);")  # fmt: skip
HEADS = ("– 100% органов управления образованием МАОУ «СОШ №24» внедрили Сферум/VK Мессенджер в совместные рабочие "
         "процессы МОИВ, а также во взаимодействие с административными образовательными организациями (используют е "
         "ежесдневной рабочей коммуникации, показатель еженедельного мониторинга – количество сотрудников МОИВ в "
         "сфере образования, написавших не менее 10 сообщений);")  # fmt: skip
ACTIVITIES = [
    ("1.", "Создание чата (сообщества) специалистов и педагогов МАОУ «СОШ №24».", "Шмыглева П.Р.,", "Август 2023",
     "Создание сообщества в Сферуме"),
    ("2.", "Создание на базе Сферум/VK Мессенджера сетевых сообществ. ОО", "Шмыглева П.Р.", "Сентябрь 2023",
     "Создание не менее 1 сообщества в Сферуме"),
    ("5.", "Организация дополнительных мероприятий (консультации) для педагогических работников и родителей.",
     "Администрация", "Сентябрь 2023 – май 2024", ""),
    ("8", "Подведение итогов внедрения Сферум/УК Мессенджера по результатам 1, 2, 3 и 4 четвертей учебного года",
     "Администрация", "Сентябрь 2023 – май 2024", "Корректировка дорожной карты."),
]  # fmt: skip


def write_roadmap(path, intro=INTRO, targets=(TEACHERS, HEADS), style=None):
    document = Document()
    document.add_heading("Дорожная карта", level=2)
    document.add_paragraph("по внедрению информационно-коммуникационной образовательной платформы «Сферум»/VK "
                           "Мессенджер в МАОУ «СОШ №24»")  # fmt: skip
    document.add_paragraph(intro)
    for text in targets:
        document.add_paragraph(text, style=style)
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["№", "Мероприятие", "Ответственные", "Срок", "Результат"], strict=True):
        cell.text = text
    for activity in ACTIVITIES:
        for cell, text in zip(table.add_row().cells, activity, strict=True):
            cell.text = text
    document.add_paragraph("Директор МАОУ «СОШ №24» Гайдужков А.Н.")
    document.save(path)
    return path


def document_inputs(tmp_path, **kwargs):
    folder = make_inputs(tmp_path / "in")
    (folder / "roadmap.xlsx").unlink()
    write_roadmap(folder / "roadmap.docx", **kwargs)
    return folder


def test_the_approved_document_reads_as_the_roadmap(tmp_path, run_cli):
    folder = document_inputs(tmp_path)
    report = check(folder)
    assert report.valid, report.problems
    model = report.model
    assert [a.number for a in model.roadmap.activities] == ["1", "2", "5", "8"]
    assert model.roadmap.activities[0].responsible == "Шмыглева П.Р.,"  # verbatim, the comma too
    indicators = {i.category: i for i in model.roadmap.indicators}
    assert set(indicators) == {"teachers", "administration"}
    for indicator in indicators.values():
        assert (indicator.threshold, indicator.target_percent, indicator.deadline.isoformat()) == (
            10,
            100.0,
            "2023-12-30",
        )
    assert indicators["administration"].text == HEADS[2:-1]  # the approved wording, typos kept («е ежесдневной»)
    reading = "\n".join(n.message for n in report.reading)
    assert "целевые показатели прочитаны из текста перед таблицей (2)" in reading
    run = run_cli(folder, 2)
    assert run.exit_code == 0, run.output
    assert (run.package / "inputs" / "roadmap.docx").is_file() and (run.package / "roadmap.docx").is_file()


def test_a_target_whose_group_cannot_be_told_is_located(tmp_path, run_cli):
    vague = "– 100% работников используют платформу (написавших не менее 10 сообщений);"
    folder = document_inputs(tmp_path, targets=(TEACHERS, vague))
    assert_refused(run_cli(folder, 2, "--data-only"), "roadmap.docx", "«Показатели»", "неизвестная категория")


def test_a_document_with_a_dtd_is_refused_before_it_is_parsed(tmp_path, run_cli):
    folder = document_inputs(tmp_path)
    path = folder / "roadmap.docx"
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            parts[info.filename] = archive.read(info.filename)
    parts["word/document.xml"] = b'<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>' + parts["word/document.xml"]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert_refused(run_cli(folder, 2, "--data-only"), "roadmap.docx", "содержит DTD")


def test_targets_as_a_word_list_without_typed_dashes(tmp_path):
    """A variant not built above: the targets as Word's own bulleted list, the dash being formatting."""
    folder = make_inputs(tmp_path / "in")
    (folder / "roadmap.xlsx").unlink()
    write_roadmap(folder / "roadmap.docx", targets=(TEACHERS[2:], HEADS[2:]), style="List Bullet")
    report = check(folder)
    assert report.valid, report.problems
    indicators = {i.category: i for i in report.model.roadmap.indicators}
    assert set(indicators) == {"teachers", "administration"} and indicators["teachers"].text == TEACHERS[2:-1]
