"""The catalogue of problems the tool finds in its inputs.

Every ``Problem`` has one of these kinds.  The kind is what a program (or a
test) checks; its ``title`` says in Russian what is wrong in general and its
``hint`` what to do, used when the place that found the problem has no more
precise advice.  The values are stable: they appear in ``check`` reports of the
Python API.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    # Files
    MISSING_FILE = "missing_file"
    AMBIGUOUS_FILE = "ambiguous_file"
    LINKED_FILE = "linked_file"
    UNREADABLE_FILE = "unreadable_file"
    UNPLACED_UPLOAD = "unplaced_upload"
    # school.toml and command-line options
    BAD_TOML = "bad_toml"
    MISSING_KEY = "missing_key"
    UNKNOWN_KEY = "unknown_key"
    BAD_CALENDAR = "bad_calendar"
    BAD_OPTION = "bad_option"
    BAD_TEMPLATE = "bad_template"
    # Electronic signatures (make-report sign)
    BAD_SIGNATURE = "bad_signature"
    UNMATCHED_SIGNATURE = "unmatched_signature"
    INVALID_SIGNATURE = "invalid_signature"
    # Sheets and columns
    MISSING_SHEET = "missing_sheet"
    EMPTY_SHEET = "empty_sheet"
    AMBIGUOUS_SHEET = "ambiguous_sheet"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    UNREAD_WEEK_COLUMN = "unread_week_column"
    LAYOUT_MISMATCH = "layout_mismatch"
    # Cells
    MISSING_VALUE = "missing_value"
    BAD_VALUE = "bad_value"
    BAD_DATE = "bad_date"
    BAD_DEADLINE = "bad_deadline"
    BAD_STATUS = "bad_status"
    BAD_COUNT = "bad_count"
    AMBIGUOUS_COUNT = "ambiguous_count"
    BAD_WEEK = "bad_week"
    WEEK_OUTSIDE_YEAR = "week_outside_year"
    AMBIGUOUS_TARGET = "ambiguous_target"
    AMBIGUOUS_INDICATOR = "ambiguous_indicator"
    CONTINGENT_EXCEEDED = "contingent_exceeded"
    TOTAL_MISMATCH = "total_mismatch"
    UNCACHED_FORMULA = "uncached_formula"
    UNKNOWN_CATEGORY = "unknown_category"
    # Rows and references between sheets
    DUPLICATE_ROW = "duplicate_row"
    UNKNOWN_PERSON = "unknown_person"
    AMBIGUOUS_PERSON = "ambiguous_person"
    UNLISTED_PERSON = "unlisted_person"
    UNKNOWN_ACTIVITY = "unknown_activity"
    GROUP_MEASURED_TWICE = "group_measured_twice"

    @property
    def title(self) -> str:
        return _CATALOGUE[self][0]

    @property
    def hint(self) -> str:
        """What to do, when the problem found has no more precise advice ("" when the message says it)."""
        return _CATALOGUE[self][1]


_CATALOGUE: dict[Kind, tuple[str, str]] = {
    Kind.MISSING_FILE: ("нет входного файла", "Положите файл в папку входных данных под этим именем"),
    Kind.AMBIGUOUS_FILE: ("одна таблица в двух файлах", "Оставьте один файл, второй уберите из папки"),
    Kind.UNPLACED_UPLOAD: (
        "не понятно, что это за файл",
        "Выберите на странице, что это за файл, или назовите его как в папке входных данных "
        "(roadmap.xlsx, monitoring.xlsx, school.toml)",
    ),
    Kind.LINKED_FILE: ("ссылка вместо файла", "Положите в папку сам файл (копию), а не ссылку на него"),
    Kind.UNREADABLE_FILE: (
        "файл не читается",
        "Откройте файл в Excel или LibreOffice и сохраните его заново как .xlsx",
    ),
    Kind.BAD_TOML: (
        "school.toml или layout.toml не читается",
        "Проверьте кавычки, скобки и кодировку UTF-8 в указанной строке",
    ),
    Kind.MISSING_KEY: ("в school.toml нет обязательного ключа", "Добавьте ключ в указанный раздел"),
    Kind.UNKNOWN_KEY: ("в school.toml неизвестный ключ", "Исправьте имя ключа или удалите строку"),
    Kind.BAD_CALENDAR: (
        "календарь учебных периодов задан неверно",
        'Укажите по паре дат на период (четыре для четвертей): ["2023-09-01", "2023-10-27"]',
    ),
    Kind.BAD_OPTION: ("неверный параметр запуска", "Исправьте параметр: make-report --help"),
    Kind.BAD_TEMPLATE: (
        "шаблон документа не подходит",
        "Исправьте шаблон в указанной строке или уберите его из папки --templates (возьмётся шаблон из поставки)",
    ),
    Kind.BAD_SIGNATURE: (
        "файл не является электронной подписью CMS",
        "Укажите файл подписи (.sig, .p7s) в виде DER, PEM или base64, как его сохраняет КриптоАРМ или Госуслуги",
    ),
    Kind.UNMATCHED_SIGNATURE: (
        "подпись не относится ни к одному файлу пакета",
        "Подпишите файл из этого пакета (не копию из почты и не файл другой версии) и укажите его подпись",
    ),
    Kind.INVALID_SIGNATURE: (
        "подпись не прошла проверку",
        "Подпишите файл заново действующим сертификатом и укажите новую подпись",
    ),
    Kind.MISSING_SHEET: ("нет нужного листа", "Переименуйте лист или добавьте его"),
    Kind.AMBIGUOUS_SHEET: (
        "непонятно, какой лист читать",
        "Оставьте в книге один лист с этим именем: лишний удалите или переименуйте",
    ),
    Kind.EMPTY_SHEET: ("лист пуст", "Заполните лист или удалите его"),
    Kind.MISSING_COLUMN: ("нет нужного столбца", "Подпишите столбец одним из допустимых заголовков (docs/inputs.md)"),
    Kind.DUPLICATE_COLUMN: ("столбец встречается дважды", "Оставьте один столбец с этим заголовком"),
    Kind.UNREAD_WEEK_COLUMN: (
        "числа под заголовком, который не прочитан как неделя",
        "Подпишите столбец неделей (например, 04.09.2023) или уберите числа",
    ),
    Kind.LAYOUT_MISMATCH: (
        "таблица не совпадает с описанием в layout.toml",
        "Поправьте layout.toml или удалите его и выполните make-report describe --write",
    ),
    Kind.MISSING_VALUE: ("пустая обязательная ячейка", "Заполните ячейку"),
    Kind.BAD_VALUE: ("значение не подходит", ""),  # the message says what fits
    Kind.BAD_DATE: ("дата не прочитана", "Пишите дату так: 15.01.2024"),
    Kind.BAD_DEADLINE: (
        "срок не прочитан",
        "Пишите срок так: «до 30.12.2023», «Сентябрь 2023 – май 2024», «2 четверть» (или «2 триместр», как делится учебный год)",
    ),
    Kind.BAD_STATUS: ("неизвестный статус", "Выберите статус: выполнено, выполняется, не выполнено, отменено"),
    Kind.BAD_COUNT: (
        "число сообщений не прочитано",
        "Впишите целое число не меньше 0 или отметку отсутствия (б/л, отп.)",
    ),
    Kind.AMBIGUOUS_COUNT: (
        "непонятно, числа в ячейках или отметки",
        'Скажите в inputs/layout.toml, что в ячейках недель: counts = "numbers" или counts = "marks"',
    ),
    Kind.BAD_WEEK: ("неделя не прочитана", "Пишите неделю датой понедельника (04.09.2023) или диапазоном 04.09–10.09"),
    Kind.WEEK_OUTSIDE_YEAR: ("неделя вне учебного года", "Проверьте год в дате недели и учебный год в school.toml"),
    Kind.AMBIGUOUS_TARGET: ("целевое значение неоднозначно", "Впишите проценты числом: 100, а не 1"),
    Kind.AMBIGUOUS_INDICATOR: (
        "непонятно, что считает показатель: подключённых к чатам или активных",
        "Добавьте в лист «Показатели» столбец «Вид показателя»: «подключение» или «активность»",
    ),
    Kind.TOTAL_MISMATCH: (
        "итог таблицы не равен сумме чисел, которые он складывает",
        "Исправьте итог или числа — или удалите строку или столбец итогов: программа складывает сама",
    ),
    Kind.CONTINGENT_EXCEEDED: (
        "в чатах группы больше людей, чем в таблице контингента",
        "Проверьте численность в таблице контингента и аудиторию чатов в inputs/chats/chats.toml",
    ),
    Kind.UNCACHED_FORMULA: (
        "формула без вычисленного значения",
        "Откройте файл в Excel или LibreOffice, пересчитайте и сохраните",
    ),
    Kind.UNKNOWN_CATEGORY: ("неизвестная категория", "Выберите категорию: педагогический работник или администрация"),
    Kind.DUPLICATE_ROW: ("строка повторяется", "Оставьте одну строку"),
    Kind.UNKNOWN_PERSON: ("человека нет в списке сотрудников", "Добавьте его в лист «Сотрудники» или исправьте ФИО"),
    Kind.AMBIGUOUS_PERSON: (
        "ФИО подходит нескольким сотрудникам",
        "Напишите ФИО полностью или укажите табельный номер",
    ),
    Kind.UNLISTED_PERSON: (
        "у сотрудника нет строки в листе «Мониторинг»",
        "Добавьте его строку в лист «Мониторинг» или укажите в листе «Сотрудники» даты его работы или отсутствия",
    ),
    Kind.UNKNOWN_ACTIVITY: ("нет такого мероприятия", "Укажите номер мероприятия из листа «Дорожная карта»"),
    Kind.GROUP_MEASURED_TWICE: (
        "группа посчитана двумя способами",
        "Оставьте один источник: лист «Охват» или списки сотрудников",
    ),
}
