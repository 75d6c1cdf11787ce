"""Generate the sample inputs in ``inputs/`` (fixed seed, so always the same files).

The roadmap is the approved text (wording and typos kept); the monitoring
tells a story: a school of 60 teachers and 8 administration staff whose
weekly use of the platform rises through the autumn without quite reaching
100 % of teachers by 30.12.2023.  Run: ``python scripts/make_sample.py [DIR]``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import xlsxwriter

SEED = 24
FIRST_WEEK = dt.date(2023, 9, 4)
MONITORED_WEEKS = 17  # 04.09.2023 … 25.12.2023
TEMPLATE_WEEKS = 2  # empty future columns: not monitored, must not read as 0 %
HOLIDAY_WEEK = dt.date(2023, 10, 30)

SCHOOL_TOML = """\
# Organisation and calendar of the school (see README, "Inputs").
[organization]
full_name  = "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 24»"
short_name = "МАОУ «СОШ № 24»"

[head]                      # signs and approves documents
position = "Директор"
name     = "А.Н. Гайдуков"

[platform]
name = "Сферум/VK Мессенджер"   # printed in documents; e.g. "MAX" after the move

[executor]                  # the coordinator printed as the executor of the report
name  = "Шмыглева Полина Романовна"
phone = "8 (3452) 00-00-24"

[letter]                    # the addressee of the covering letter (--letter)
addressee = '''
Начальнику управления образования
администрации муниципального образования
'''

[school_year]
label = "2023/2024"
# first and last teaching day of each quarter (ISO dates)
quarters = [
  ["2023-09-01", "2023-10-27"],
  ["2023-11-07", "2023-12-29"],
  ["2024-01-09", "2024-03-22"],
  ["2024-04-01", "2024-05-24"],
]
"""

ACTIVITIES = [
    ("1.", "Создание чата (сообщества) специалистов и педагогов МАОУ «СОШ №24».", "Шмыглева П.Р.,",
     "Август 2023", "Создание сообщества в Сферуме", "выполнено", dt.date(2023, 8, 29),
     "Создано сообщество «Педагоги СОШ №24» в Сферуме"),
    ("2.", "Создание на базе Сферум/VK Мессенджера сетевых сообществ. ОО", "Шмыглева П.Р.",
     "Сентябрь 2023", "Создание не менее 1 сообщества в Сферуме", "выполнено", dt.date(2023, 9, 22),
     "Созданы сообщества методических объединений (5)"),
    ("3.", "Создание на базе Сферум/VK Мессенджера сетевых сообществ родительской общестственности ОО.",
     "Шмыглева П.Р.", "Октябрь 2023", "Создано не менее 1 сообщества в Сферум", "выполнено",
     dt.date(2023, 10, 20), "Созданы родительские чаты всех 28 классов"),
    ("4.", "Разработка рекомендаций по проведению родительских собраний в ОО с обязательным включением в "
     "повестку пункта по переводу коммуникации с родителями (законными представителями) обучающихся в "
     "Сферум/VK Мессенджер", "Администрация", "Ноябрь 2023",
     "Письмо с рекомендациями, отправленное в МОИВы и подведомственные организации", "выполняется", None, ""),
    ("5.", "Организация дополнительных мероприятий (консультации) для педагогических работников и родителей.",
     "Администрация", "Сентябрь 2023 – май 2024", "", "выполняется", None, ""),
    ("6", "Организация просветительской работы для родительского сообщества о возможностях и преимуществах "
     "внедрения Сферум/УК Мессенджера", "Администрация, кл. руководители", "Сентябрь 2023 – май 2024",
     "Публикации на сайте ОУ и УК Мессенджер.", "выполняется", None, ""),
    ("7", "Проведение собрания с родительским комитетом ОО", "Администрация", "Сентябрь 2023 – май 2024",
     "Проведение не менее 1 собрания в полугодие", "выполняется", None, ""),
    ("8", "Подведение итогов внедрения Сферум/УК Мессенджера по результатам 1, 2, 3 и 4 четвертей учебного года",
     "Администрация", "Сентябрь 2023 – май 2024", "Корректировка дорожной карты.", "выполняется", None, ""),
]  # fmt: skip

INDICATORS = [
    ("100% педагогических работников используют Сферум/VK Мессенджер в рамках исполнения должностных "
     "обязанностей (показатель еженедельного мониторинга – количество педагогических работников, "
     "написавших не менее 10 сообщений)", "педагогический работник", 10, 100, dt.date(2023, 12, 30)),
    ("100% органов управления образованием МАОУ «СОШ №24» внедрили Сферум/VK Мессенджер в совместные "
     "рабочие процессы (используют е ежесдневной рабочей коммуникации, показатель еженедельного мониторинга – "
     "количество сотрудников, написавших не менее 10 сообщений)", "администрация", 10, 100, dt.date(2023, 12, 30)),
]  # fmt: skip

EVIDENCE = [
    ("1", dt.date(2023, 8, 29), "Создано сообщество «Педагоги СОШ №24», приглашены все педагоги"),
    ("2", dt.date(2023, 9, 22), "Созданы 5 сообществ методических объединений"),
    ("5", dt.date(2023, 9, 28), "Консультация для педагогов начальной школы по работе в Сферуме"),
    ("3", dt.date(2023, 10, 20), "Созданы родительские чаты 28 классов"),
    ("7", dt.date(2023, 10, 12), "Собрание с родительским комитетом школы, протокол № 1"),
    ("5", dt.date(2023, 11, 16), "Консультации для родителей 5-х классов"),
    ("6", dt.date(2023, 11, 24), "Публикация на сайте школы «Сферум: безопасное общение»"),
    ("5", dt.date(2023, 12, 7), "Практикум для педагогов основной школы по видеозвонкам в Сферуме"),
    ("6", dt.date(2023, 12, 14), "Памятка для родителей в сообществе школы в VK Мессенджере"),
    ("8", dt.date(2023, 11, 8), "Итоги 1 четверти рассмотрены на совещании при директоре"),
]
CORRECTIONS = [
    ("4", "Февраль 2024", "Администрация, Шмыглева П.Р.",
     "Протокол совещания при директоре от 28.12.2023 № 12", dt.date(2023, 12, 28)),
]  # fmt: skip

SURNAMES = [
    ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
    ("Васильев", "Васильева"), ("Петров", "Петрова"), ("Соколов", "Соколова"), ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"), ("Морозов", "Морозова"), ("Волков", "Волкова"),
    ("Алексеев", "Алексеева"), ("Лебедев", "Лебедева"), ("Семёнов", "Семёнова"), ("Егоров", "Егорова"),
    ("Павлов", "Павлова"), ("Козлов", "Козлова"), ("Степанов", "Степанова"), ("Николаев", "Николаева"),
    ("Орлов", "Орлова"), ("Андреев", "Андреева"), ("Макаров", "Макарова"), ("Никитин", "Никитина"),
    ("Захаров", "Захарова"), ("Зайцев", "Зайцева"), ("Соловьёв", "Соловьёва"), ("Борисов", "Борисова"),
    ("Яковлев", "Яковлева"), ("Григорьев", "Григорьева"), ("Романов", "Романова"), ("Воробьёв", "Воробьёва"),
]  # fmt: skip
MALE = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Михаил", "Николай", "Илья"]
FEMALE = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Юлия", "Марина"]
PATRONYMICS = [("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Викторович", "Викторовна"),
               ("Петрович", "Петровна"), ("Николаевич", "Николаевна"), ("Иванович", "Ивановна")]  # fmt: skip
DEPARTMENTS = [
    ("Начальное общее образование", 18, "Учитель начальных классов"),
    ("Основное общее образование", 26, "Учитель"),
    ("Среднее общее образование", 10, "Учитель"),
    ("Дополнительное образование", 6, "Педагог дополнительного образования"),
]
ADMIN_POSITIONS = ["Директор", "Заместитель директора по УВР", "Заместитель директора по УВР",
                   "Заместитель директора по ВР", "Заместитель директора по АХЧ", "Социальный педагог",
                   "Педагог-психолог", "Секретарь"]  # fmt: skip


def _names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    result = []
    while len(result) < count:
        female = rng.random() < 0.8
        surname = rng.choice(SURNAMES)[female]
        first = rng.choice(FEMALE if female else MALE)
        patronymic = rng.choice(PATRONYMICS)[female]
        name = f"{surname} {first} {patronymic}"
        if name not in names:
            names.add(name)
            result.append(name)
    return result


def _staff(rng: random.Random) -> list[dict]:
    names = iter(_names(rng, 69))
    staff = [
        {"name": "Гайдуков Андрей Николаевич", "category": "администрация", "position": "Директор",
         "department": "Администрация", "adopt": 0}
    ]  # fmt: skip
    names_admin = [next(names) for _ in ADMIN_POSITIONS[1:]]
    for name, position in zip(names_admin, ADMIN_POSITIONS[1:], strict=True):
        staff.append({"name": name, "category": "Администрация", "position": position, "department": "Администрация",
                      "adopt": rng.choice([0, 1, 2, 4, 6, 9])})  # fmt: skip
    for department, count, position in DEPARTMENTS:
        for _ in range(count):
            adopt = min(int(rng.expovariate(1 / 5)), 16)
            staff.append({"name": next(names), "category": "педагогический работник", "position": position,
                          "department": department, "adopt": adopt})  # fmt: skip
    teachers = [s for s in staff if s["position"] != "Директор" and s["category"] == "педагогический работник"]
    for stubborn in rng.sample(teachers, 3):
        stubborn["adopt"] = 99  # never adopt: the target is not fully met
    teachers[5]["absent_from"] = dt.date(2023, 10, 2)  # parental leave, open-ended
    teachers[11]["dismissed"] = dt.date(2023, 11, 30)
    new = {"name": next(names), "category": "педагогический работник", "position": "Учитель",
           "department": "Основное общее образование", "adopt": 9, "hired": dt.date(2023, 10, 18)}  # fmt: skip
    staff.append(new)  # a mid-week hire: counted from the next Monday
    for number, person in enumerate(staff, start=1001):
        person["number"] = number
    return staff


def _messages(rng: random.Random, person: dict, index: int, week: dt.date) -> int | str | None:
    if person.get("hired") and week < person["hired"] - dt.timedelta(days=person["hired"].weekday()):
        return None
    if person.get("dismissed") and week > person["dismissed"]:
        return "-"
    if person.get("absent_from") and week >= person["absent_from"]:
        return 0
    adopted = index >= person["adopt"]
    value = rng.randint(12, 45) if adopted else rng.randint(0, 9)
    if adopted and rng.random() < 0.04:
        value = rng.randint(4, 9)  # an occasional quiet week
    if week == HOLIDAY_WEEK:
        value = value * 4 // 5
    return value


def write_monitoring(path: Path, rng: random.Random) -> None:
    staff = _staff(rng)
    weeks = [FIRST_WEEK + dt.timedelta(weeks=i) for i in range(MONITORED_WEEKS + TEMPLATE_WEEKS)]
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": dt.datetime(2024, 1, 7)})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1})
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    roster = book.add_worksheet("Сотрудники")
    headers = ["Табельный номер", "ФИО", "Категория", "Должность", "Подразделение", "Дата приёма",
               "Дата увольнения", "Отсутствует с", "Отсутствует по"]  # fmt: skip
    for column, header in enumerate(headers):
        roster.write_string(0, column, header, bold)
    for row, person in enumerate(staff, start=1):
        roster.write_number(row, 0, person["number"])
        for column, key in enumerate(["name", "category", "position", "department"], start=1):
            roster.write_string(row, column, person[key])
        for column, key in enumerate(["hired", "dismissed", "absent_from"], start=5):
            if person.get(key):
                roster.write_datetime(row, column, dt.datetime.combine(person[key], dt.time()), date)
    roster.set_column(0, 0, 10)
    roster.set_column(1, 1, 38)
    roster.set_column(2, 4, 30)
    roster.set_column(5, 8, 14)
    roster.freeze_panes(1, 0)

    sheet = book.add_worksheet("Мониторинг")
    sheet.write_string(0, 0, "Мониторинг использования Сферум/VK Мессенджер в МАОУ «СОШ № 24» (сообщений за неделю)")
    sheet.write_string(1, 0, "Заполняется еженедельно по данным личного кабинета администратора")
    head = ["№ п/п", "ФИО", "Табельный номер", "Должность"]
    for column, header in enumerate(head):
        sheet.write_string(3, column, header, bold)
    for offset, week in enumerate(weeks, start=len(head)):
        label = f"{week:%d.%m.%Y}–{week + dt.timedelta(days=6):%d.%m.%Y}"
        sheet.write_string(3, offset, label, bold)
    totals = [0] * len(weeks)
    for row, person in enumerate(staff, start=4):
        sheet.write_number(row, 0, row - 3)
        sheet.write_string(row, 1, person["name"])
        sheet.write_number(row, 2, person["number"])
        sheet.write_string(row, 3, person["position"])
        for index, week in enumerate(weeks[:MONITORED_WEEKS]):
            value = _messages(rng, person, index, week)
            if isinstance(value, int):
                sheet.write_number(row, len(head) + index, value)
                totals[index] += value
            elif value is not None:
                sheet.write_string(row, len(head) + index, value)
    total_row = 4 + len(staff)
    sheet.write_string(total_row, 1, "Итого")
    for index in range(MONITORED_WEEKS):
        column = len(head) + index
        letter = xlsxwriter.utility.xl_col_to_name(column)
        # Cached values, as Excel saves them: readers see the figure, not an empty cell.
        sheet.write_formula(total_row, column, f"=SUM({letter}5:{letter}{total_row})", None, totals[index])
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 38)
    sheet.set_column(2, 2, 10)
    sheet.set_column(3, 3, 30)
    sheet.set_column(4, 4 + len(weeks), 12)
    sheet.freeze_panes(4, 2)
    book.close()


def write_roadmap(path: Path) -> None:
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": dt.datetime(2024, 1, 7)})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": "dd.mm.yyyy", "valign": "top"})

    sheet = book.add_worksheet("Дорожная карта")
    sheet.write_string(0, 0, "Дорожная карта")
    sheet.write_string(1, 0, "по внедрению информационно-коммуникационной образовательной платформы "
                             "«Сферум»/VK Мессенджер в МАОУ «СОШ №24»")  # fmt: skip
    headers = ["№", "Мероприятие", "Ответственные", "Срок", "Результат", "Статус", "Дата выполнения",
               "Отметка о выполнении"]  # fmt: skip
    for column, header in enumerate(headers):
        sheet.write_string(3, column, header, bold)
    for row, activity in enumerate(ACTIVITIES, start=4):
        for column, value in enumerate(activity):
            if isinstance(value, dt.date):
                sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), date)
            elif value:
                sheet.write_string(row, column, value, wrap)
    for column, width in enumerate([5, 60, 22, 22, 40, 14, 14, 40]):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(4, 0)

    indicators = book.add_worksheet("Показатели")
    for column, header in enumerate(["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"]):
        indicators.write_string(0, column, header, bold)
    for row, (text, category, threshold, target, deadline) in enumerate(INDICATORS, start=1):
        indicators.write_string(row, 0, text, wrap)
        indicators.write_string(row, 1, category)
        indicators.write_number(row, 2, threshold)
        indicators.write_number(row, 3, target)
        indicators.write_datetime(row, 4, dt.datetime.combine(deadline, dt.time()), date)
    indicators.set_column(0, 0, 80)
    indicators.set_column(1, 4, 18)

    for name, headers, rows in (
        ("Исполнение", ["№ мероприятия", "Дата", "Описание"], EVIDENCE),
        ("Корректировки", ["№ мероприятия", "Новый срок", "Ответственные", "Основание", "Дата решения"], CORRECTIONS),
    ):
        sheet = book.add_worksheet(name)
        for column, header in enumerate(headers):
            sheet.write_string(0, column, header, bold)
        for row, values in enumerate(rows, start=1):
            for column, value in enumerate(values):
                if isinstance(value, dt.date):
                    sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), date)
                else:
                    sheet.write_string(row, column, value, wrap)
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, len(headers), 30)
    book.close()


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_roadmap(folder / "roadmap.xlsx")
    write_monitoring(folder / "monitoring.xlsx", random.Random(SEED))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("inputs"))
