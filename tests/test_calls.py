"""«Не менее 10 сообщений и 1 звонка в неделю»: calls from a «Звонки» sheet or a «Звонков» column."""

from __future__ import annotations

import datetime as dt

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, ROSTER, ROSTER_HEADERS, make_inputs, wide_rows, write_xlsx
from .test_errors import assert_refused

HEADERS = ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок", "Порог звонков"]
INDICATORS = [HEADERS, ["Доля педагогов", "педагогические работники", 10, 100, dt.date(2023, 12, 30), 1]]
CALLS = [
    ["№ п/п", "ФИО", "06.11.2023", "25.12.2023"],
    [1, "Иванова Анна Петровна", 3, 1],
    [2, "Семёнова Юлия", None, 0],
    [3, "Петров Илья", None, 2],
    [4, "Орлова Мария", 0, None],
]


def roadmap():
    return {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS}


def weeks(run):
    return {w["week"]: (w["active"], w["counted"]) for w in run.summary()["indicators"][0]["weeks"]}


def test_a_person_counts_as_active_only_with_both_messages_and_calls(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in", roadmap=roadmap())
    write_xlsx(
        folder / "monitoring.xlsx",
        {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(), "Звонки": CALLS},
    )
    run = run_cli(folder, 2)
    assert run.exit_code == 0, run.output
    # Hand count. 06.11: ≥ 10 messages — Иванова (12), Орлова (10); calls — Иванова 3, Орлова 0 → 1 of 4.
    # 25.12: Иванова, Семёнова, Петров wrote 10 each; calls 1, 0, 2 → 2 of 3.
    # 13.11 and 20.11: no calls entered → nobody is active.
    figures = weeks(run)
    assert figures["2023-11-06"] == (1, 4) and figures["2023-12-25"] == (2, 3)
    assert figures["2023-11-13"] == (0, 4)
    summary = run.summary()["indicators"][0]
    assert summary["call_threshold"] == 1 and summary["below_threshold"] == 1  # Семёнова
    from .test_documents import pdf_text, squash

    text = pdf_text(run.package / "report.pdf")
    assert squash("порог — не менее 10 сообщений и 1 звонка в неделю") in text
    assert squash("совершивший не менее установленного числа звонков") in text


def test_a_calls_column_in_the_long_sheet_gives_the_same_figures(tmp_path, run_cli):
    from .builders import long_rows

    rows = long_rows()
    rows[0].append("Звонков")
    calls = {(r[1], c): v for r in CALLS[1:] for c, v in zip(CALLS[0][2:], r[2:], strict=True)}
    for row in rows[1:]:
        week = row[0] if isinstance(row[0], str) else f"{row[0]:%d.%m.%Y}"
        name = next((c[1] for c in CALLS[1:] if row[1].casefold().startswith(c[1].split()[0].casefold()[:5])), None)
        row.append(calls.get((name, week)))
    folder = make_inputs(tmp_path / "in", roadmap=roadmap(), weekly=rows)
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    figures = weeks(run)
    assert figures["2023-11-06"] == (1, 4) and figures["2023-12-25"] == (2, 3)


def test_a_call_threshold_without_calls_is_an_error(tmp_path, run_cli):
    run = run_cli(make_inputs(tmp_path / "in", roadmap=roadmap()), 2)
    assert_refused(run, "roadmap.xlsx, лист «Показатели»", "«Порог звонков»", "лист «Звонки»")


def test_calls_without_a_threshold_are_said_to_be_unused(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    write_xlsx(
        folder / "monitoring.xlsx",
        {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(), "Звонки": CALLS},
    )
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert "звонки прочитаны, но ни один показатель не задаёт «Порог звонков»" in (
        run.package / "reading.txt"
    ).read_text(encoding="utf-8")


def test_calls_and_platforms_of_a_workbook_per_organisation_are_kept(tmp_path, run_cli):
    """monitoring/ holding one organisation's workbook: its «Звонки» and its platform breakdown reach
    the figures as they do from monitoring.xlsx (they were once dropped when the people were re-keyed)."""
    single = make_inputs(tmp_path / "single", roadmap=roadmap())
    sheets = {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(), "Звонки": CALLS}
    write_xlsx(single / "monitoring.xlsx", sheets)
    folder = make_inputs(tmp_path / "folder", roadmap=roadmap())
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring").mkdir()
    write_xlsx(folder / "monitoring" / "СОШ № 24.xlsx", sheets)
    one, many = run_cli(single, 2, "--data-only", outputs=tmp_path / "o1"), run_cli(folder, 2, "--data-only",
                                                                                     outputs=tmp_path / "o2")  # fmt: skip
    assert one.exit_code == 0 and many.exit_code == 0, many.output
    assert weeks(many) == weeks(one) and weeks(one)["2023-12-25"] == (2, 3)  # by hand, above
    from .test_layouts_platforms import platform_rows

    write_xlsx(folder / "monitoring" / "СОШ № 24.xlsx", {**sheets, "Мониторинг": platform_rows()})
    split = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o3")
    assert split.exit_code == 0, split.output
    teachers = split.summary()["indicators"][0]
    # 25.12 by hand: three teachers wrote 5 on Сферум and 5 on MAX each (test_layouts_platforms)
    assert {p["platform"]: (p["writers"], p["active"]) for p in teachers["platforms"]} == {
        "MAX": (3, 0),
        "Сферум": (3, 0),
    }
