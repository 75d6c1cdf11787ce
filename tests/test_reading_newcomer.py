"""What a clerk types that used to read oddly: a «й» in two code points, a date in school.toml
written the Russian way, a TOML slip, the tool's own instruction sheets, «май 2027» as a target's
deadline."""

from __future__ import annotations

import datetime as dt
import unicodedata

from reporting import build_package, check

from .builders import (
    ROADMAP_HEADERS,
    ROADMAP_ROWS,
    ROSTER,
    ROSTER_HEADERS,
    SCHOOL_TOML,
    WEEKLY,
    wide_rows,
    write_xlsx,  # fmt: skip
)


def test_a_decomposed_letter_is_the_same_letter(inputs, tmp_path):
    roster = [list(r) for r in ROSTER]
    roster.append(["Петров Сергей Иванович", 7, "педагог", "Основная школа", None, None, None, None])
    weekly = [list(r) for r in WEEKLY[:-1]]
    decomposed = unicodedata.normalize("NFD", "Петров Сергей Иванович")  # «й» as «и» + a combining breve
    assert decomposed != "Петров Сергей Иванович"
    weekly.append([decomposed, 10, 10, 10, 10, None, 10])
    write_xlsx(
        inputs / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *roster], "Мониторинг": wide_rows(weekly=weekly)}
    )
    assert check(inputs).problems == ()
    people = {p.name for p in build_package(2, inputs, tmp_path / "out", data_only=True).model.people}
    assert "Петров Сергей Иванович" in people


def test_a_quarter_date_written_the_russian_way_gets_one_consistent_hint(inputs):
    (inputs / "school.toml").write_text(SCHOOL_TOML.replace('["2023-09-01"', '["01.09.2023"'), encoding="utf-8")
    [problem] = check(inputs).problems
    text = problem.describe()
    assert problem.kind == "bad_date" and '["2023-09-01", "2023-10-27"]' in text
    assert "15.01.2024" not in text  # no contradicting «write it as 15.01.2024»


def test_a_toml_slip_is_told_in_russian_with_its_line(inputs):
    (inputs / "school.toml").write_text(SCHOOL_TOML.replace('short_name = "', 'short_name "'), encoding="utf-8")
    [problem] = check(inputs).problems
    assert (problem.kind, problem.row) == ("bad_toml", 3)
    assert "после имени ключа нужен знак «=» (строка 3, позиция 12)" in problem.message
    assert "Expected" not in problem.describe()


def test_the_tools_own_instruction_sheets_are_recognised(inputs):
    write_xlsx(inputs / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Инструкция": [["x"]]})
    notes = [n.describe() for n in check(inputs).reading]
    assert "roadmap.xlsx, лист «Инструкция»: памятка, которую пишет make-report init; не читается" in notes
    assert not any("«Инструкция»: лист не используется" in n for n in notes)


def test_a_target_deadline_reads_like_a_roadmap_deadline(inputs, tmp_path):
    indicators = [
        ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"],
        ["Доля педагогов", "педагогические работники", 10, 100, "май 2027"],
    ]
    write_xlsx(inputs / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": indicators})
    assert check(inputs).problems == ()
    [indicator] = build_package(2, inputs, tmp_path / "out", data_only=True).model.indicators
    assert indicator.indicator.deadline == dt.date(2027, 5, 31)
