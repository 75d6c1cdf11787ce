"""The covering letter's view and the marks that tie documents to it (GOST R 7.0.97): «Приложение 1 к
письму …», «Приложение: … на N л.», and the blanks left to fill in by hand."""

from __future__ import annotations

from .formatting import short_date


def attachment_mark(letter, number: int) -> list[str]:
    """GOST R 7.0.97: «Приложение 1 / к письму от 15.01.2024 № 01-12/345», top right of page 1."""
    if letter is None:
        return []
    return [f"Приложение {number}", f"к письму от {short_date(letter.date)} № {letter.number}"]


def appendix_mark(pages: int | None) -> str:
    """«Приложение: … на N л. в 1 экз.» (GOST R 7.0.97: the mark of an attachment the text names); with
    ``pages`` None (a layout not known here: Word's) without the count, true in any layout."""
    sheets = f" на {pages} л." if pages is not None else ""
    return f"Приложение: список сотрудников ниже порога активности{sheets} в 1 экз."


BLANK_POSITION = "____________________"  # the head's position, to write in by hand
BLANK_NAME = "________________"  # the head's (or the executor's) initials and surname
BLANK_PHONE = "тел. ____________"  # the executor's telephone


def letter_view(view: dict, letter, pages: dict[str, int]) -> dict:
    """The covering letter: the report and the roadmap as its attachments, with true page counts."""
    quarter = f"{view['period_numbered']} {view['year_label']} учебного года"
    return {
        **view,
        "letter_date": short_date(letter.date),
        "letter_number": letter.number,
        "subject": f"О результатах реализации дорожной карты за {quarter}",
        "text": f"Направляем отчёт {view['report_title']}"
        + (f" и дорожную карту {view['roadmap_title']}." if "roadmap" in pages else "."),
        "attachments": [f"Отчёт {view['report_title']} на {pages['report']} л. в 1 экз."]
        + ([f"Дорожная карта {view['roadmap_title']} на {pages['roadmap']} л. в 1 экз."] if "roadmap" in pages else []),
    }
