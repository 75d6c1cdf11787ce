"""``school.toml``: the organisation and the school year's calendar."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from ..errors import Problems
from ..inputs import BLANK_TEXTS, School
from ..read.limits import MAX_DEPTH_MESSAGE
from ..read.text import clean
from ..words import SIGNS, counted

FILE = "school.toml"
# None: required (a document must never carry another school's name or another director's).
DEFAULTS = {
    "organization": {
        "full_name": None,
        "short_name": None,
        "city": "",
        "address": "",
        "phone": "",
        "email": "",
        "ogrn": "",
        "inn": "",
    },  # fmt: skip
    # full_position: the position as printed over the signature, when «position short_name» does not
    # read right (a district: «Начальник управления образования администрации города»)
    "head": {"position": None, "name": None, "full_position": ""},
    "platform": {"name": "Сферум/VK Мессенджер"},
    "executor": {"name": "", "phone": ""},
    "letter": {"addressee": ""},
}
OTHER_KEYS = {
    "school_year": ("label", "kind", "periods", "quarters"),
    "monitoring": ("absence_marks",),
    "documents": ("qr",),
    "school": ("timezone",),
    "chats": ("count_empty", "prefer"),
}
KNOWN = {section: tuple(keys) for section, keys in {**DEFAULTS, **OTHER_KEYS}.items()}


def parse_toml(raw: bytes, file: str, problems: Problems) -> dict | None:
    """A TOML input's data, or None after a located ``bad_toml`` (the line, in Russian)."""
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        problems.add("bad_toml", file, f"ошибка в записи {file}: {toml_message(str(exc))}",
                     row=int(line.group(1)) if line else None)  # fmt: skip
    except UnicodeDecodeError:
        problems.add("bad_toml", file, "файл должен быть в кодировке UTF-8")
    except RecursionError:  # [[[[… thousands deep: tomllib recurses per level
        lines = raw.decode("utf-8-sig", "replace").splitlines()
        line = next((n for n, text in enumerate(lines, start=1) if re.search(r"[\[{]{100}", text)), None)
        redo = "удалите файл и выполните make-report describe --write — он запишется заново" if file == "layout.toml" \
            else "впишите значение так, как в образце (make-report init)"  # fmt: skip
        problems.add("bad_toml", file, MAX_DEPTH_MESSAGE.format(what=f"запись {file}"), row=line,
                     hint=f"Исправьте эту строку или {redo}")  # fmt: skip
    except ValueError:  # an integer of thousands of digits, which Python refuses to read
        lines = raw.decode("utf-8-sig", "replace").splitlines()
        line = next((n for n, text in enumerate(lines, start=1) if re.search(r"\d{1000}", text)), None)
        problems.add("bad_toml", file, f"ошибка в записи {file}: число из тысяч цифр", row=line,
                     hint="Исправьте значение в этой строке; текст (телефон, имя) пишется в кавычках")  # fmt: skip
    return None


def read_school(inputs, problems: Problems | None = None) -> School | None:
    """``inputs/school.toml`` read and checked; None when it is missing or does not read (its problems go
    to ``problems`` when given: ``check`` names them)."""
    from ..read.limits import MAX_SETTINGS_FILE, read_regular

    try:
        raw = read_regular(inputs / FILE, MAX_SETTINGS_FILE)
    except OSError:
        return None
    return load_school(raw, problems if problems is not None else Problems())


def load_school(raw: bytes, problems: Problems) -> School | None:
    data = parse_toml(raw, FILE, problems)
    if data is None:
        return None
    _unknown_keys(data, problems)
    section = data.get("school_year")
    if not isinstance(section, dict):
        problems.add("missing_key", FILE, "нет обязательного раздела [school_year]")
        return None
    label = str(section.get("label", "")).strip()
    years = re.fullmatch(r"(\d{4})/(\d{4})", label)
    if not label:
        problems.add("missing_key", FILE, "не указан учебный год", column="school_year.label")
    elif not years or int(years[2]) != int(years[1]) + 1 or not 2000 <= int(years[1]) < 2100:
        # The label names the archive folder: only this shape reaches the file system.
        problems.add("bad_value", FILE, "учебный год пишется как 2023/2024", column="school_year.label", value=label)
        label = ""
    kind = _kind(section, problems)
    if kind is None:
        return None
    key = "periods" if "periods" in section else "quarters"
    quarters = _quarters(section.get(key), kind, key, problems)

    if label and quarters is not None and not _calendar_fits(label, quarters, kind, key, problems):
        return None
    text = _Texts(data, problems)
    values = {(g, k): text.get(g, k) for g, keys in DEFAULTS.items() for k in keys}
    if not label or quarters is None or text.failed:
        return None

    def get(group: str, key: str) -> str:
        return values[group, key]

    return School(
        full_name=get("organization", "full_name"),
        short_name=get("organization", "short_name"),
        city=get("organization", "city"),
        head_position=get("head", "position"),
        head_name=get("head", "name"),
        head_full_position=get("head", "full_position"),
        platform=get("platform", "name"),
        executor_name=get("executor", "name"),
        executor_phone=get("executor", "phone"),
        addressee=tuple(get("letter", "addressee").splitlines()),
        requisites=_requisites(get),
        unstated=tuple(key for key in ("address", "ogrn", "inn") if not get("organization", key)),
        absence_marks=_absence_marks(data, problems),
        qr=_flag(data, "documents", "qr", problems),
        timezone=_timezone(data, problems),
        count_empty=_flag(data, "chats", "count_empty", problems),
        chats_prefer=_prefer(data, problems),
        year_label=label,
        quarters=quarters,
        period_kind=kind.name,
    )


MAX_LENGTH = {("organization", "short_name"): 120, ("letter", "addressee"): 1000}
MAX_TEXT = 400


class _Texts:
    """The text keys of school.toml: each section a table, each value a string of sane length."""

    def __init__(self, data: dict, problems: Problems):
        self.data, self.problems, self.failed = data, problems, False

    def get(self, group: str, key: str) -> str:
        section = self.data.get(group, {})
        if not isinstance(section, dict):
            self._fail(group, f"[{group}] должен быть разделом (таблицей) с ключами, а не значением или списком",
                       f"Напишите, например:\n[{group}]\n{key} = \"…\"")  # fmt: skip
            return ""
        value = section.get(key, DEFAULTS[group][key])
        if value is None:
            self._fail(f"{group}.{key}", "не указано — без этого документы не подписать",
                       hint=f"Добавьте в раздел [{group}] строку {key} = \"…\"", kind="missing_key")  # fmt: skip
            return ""
        if DEFAULTS[group][key] is None and isinstance(value, str) and not clean(value):
            self._fail(f"{group}.{key}", "пусто — без этого документы не подписать",
                       hint=f"Впишите значение между кавычками: {key} = \"…\"", kind="missing_key")  # fmt: skip
            return ""
        if not isinstance(value, str):
            self._fail(f"{group}.{key}", "ожидается текст в кавычках", value=value)
            return ""
        if clean(value) == BLANK_TEXTS.get((group, key)):
            self._fail(f"{group}.{key}", f"не заполнено: осталось «{clean(value)}» из заготовки",
                       hint=f"Впишите вместо него своё значение: {key} = \"…\"", kind="missing_key")  # fmt: skip
            return ""
        lines = [clean(line) for line in value.splitlines()]  # control and bidi characters dropped
        value = "\n".join(line for line in lines if line) if group == "letter" else " ".join(lines).strip()
        limit = MAX_LENGTH.get((group, key), MAX_TEXT)
        if len(value) > limit:
            self._fail(f"{group}.{key}", f"слишком длинный текст: {counted(len(value), SIGNS, ' ')}, допустимо до {limit}",
                       value=value[:60] + "…")  # fmt: skip
        return value

    def _fail(self, column: str, message: str, hint: str | None = None, value=None, kind: str = "bad_value") -> None:
        self.failed = True
        self.problems.add(kind, FILE, message, column=column, hint=hint, value=value)


_TOML_MESSAGES = (  # tomllib's messages (Python 3.11–3.13), in Russian
    ("Expected '=' after a key in a key/value pair", "после имени ключа нужен знак «=»"),
    ("Invalid value", "значение не прочитано: текст пишется в кавычках, список — в квадратных скобках"),
    ("Invalid statement", "строка не похожа ни на «ключ = значение», ни на [раздел]"),
    ("Unclosed array", "список не закрыт: не хватает «]»"),
    ("Unterminated string", "текст не закрыт: не хватает кавычки"),
    ("Illegal character", "недопустимый знак в тексте (например, перевод строки внутри кавычек)"),
    ("Expected newline or end of document after a statement", "после значения в той же строке лишний текст"),
    ("Cannot declare", "раздел объявлен дважды"),
    ("Cannot overwrite a value", "ключ указан дважды"),
    ("Invalid initial character for a key part", "имя ключа начинается с недопустимого знака"),
    ("Expected ']' at the end of a table declaration", "раздел не закрыт: не хватает «]»"),
    ("Invalid date or datetime", 'дата не прочитана: пишите её в кавычках, "2023-09-01"'),
)


def toml_message(text: str) -> str:
    """A TOML syntax error in Russian, with its position: «после имени ключа нужен знак «=» (строка 3)»."""
    where = re.search(r"\(at line (\d+), column (\d+)\)", text)
    place = f" (строка {where.group(1)}, позиция {where.group(2)})" if where else ""
    return next((ru for en, ru in _TOML_MESSAGES if text.startswith(en)), "запись не по правилам TOML") + place


def _requisites(get) -> tuple[str, ...]:
    """The letterhead's reference lines, as GOST R 7.0.97 lists them under the organisation's name."""
    contact = "; ".join(f"{label} {get('organization', key)}" for key, label in (("phone", "тел."), ("email", "e-mail:"))
                        if get("organization", key))  # fmt: skip
    codes = ", ".join(f"{label} {get('organization', key)}" for key, label in (("ogrn", "ОГРН"), ("inn", "ИНН"))
                      if get("organization", key))  # fmt: skip
    return tuple(line for line in (get("organization", "address"), contact, codes) if line)


def _unknown_keys(data: dict, problems: Problems) -> None:
    """A key the tool does not know is a typo until shown otherwise (``town`` for ``city``): read
    nothing silently, and say which key was meant."""
    import difflib

    for section, value in data.items():
        if section not in KNOWN:
            close = difflib.get_close_matches(section, KNOWN, n=1)
            hint = f"Может быть, [{close[0]}]? " if close else ""
            problems.add("unknown_key", FILE, f"неизвестный раздел [{section}]", column=section,
                         hint=hint + "Разделы: " + ", ".join(f"[{s}]" for s in KNOWN))  # fmt: skip
            continue
        if not isinstance(value, dict):
            continue  # reported where the section is read
        for key in value:
            if key not in KNOWN[section]:
                close = difflib.get_close_matches(key, KNOWN[section], n=1)
                hint = f"Может быть, {close[0]}? " if close else ""
                problems.add(
                    "unknown_key", FILE, f"неизвестный ключ «{key}» в разделе [{section}]", column=f"{section}.{key}",
                    hint=hint + f"Ключи раздела [{section}]: " + ", ".join(KNOWN[section]),
                )  # fmt: skip


def _absence_marks(data: dict, problems: Problems) -> tuple[str, ...]:
    """[monitoring] absence_marks = ["уч. отпуск", …]: more texts that mean «away that week»."""
    section = data.get("monitoring", {})
    marks = section.get("absence_marks", []) if isinstance(section, dict) else None
    if not isinstance(marks, list) or not all(isinstance(m, str) and m.strip() for m in marks):
        problems.add("bad_value", FILE, "ожидается список отметок в кавычках, например [\"уч. отпуск\"]",
                     column="monitoring.absence_marks", value=marks)  # fmt: skip
        return ()
    return tuple(clean(m) for m in marks)


def _flag(data: dict, section_name: str, key: str, problems: Problems) -> bool:
    """A yes/no setting: [documents] qr (the QR-code requisite, GOST R 7.0.97-2025), [chats]
    count_empty (empty and reaction-only chat messages count)."""
    section = data.get(section_name, {})
    value = section.get(key, False) if isinstance(section, dict) else None
    if not isinstance(value, bool):
        problems.add("bad_value", FILE, "ожидается true или false (без кавычек)", column=f"{section_name}.{key}",
                     value=value, hint=f"Напишите {key} = true или {key} = false")  # fmt: skip
        return False
    return value


def _timezone(data: dict, problems: Problems) -> str:
    """[school] timezone = "Asia/Yekaterinburg": a chat message's week is that of its local time."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    section = data.get("school", {})
    value = section.get("timezone", "Europe/Moscow") if isinstance(section, dict) else None
    try:
        if not isinstance(value, str) or not value.strip():
            raise ValueError
        ZoneInfo(value.strip())
    except (ValueError, ZoneInfoNotFoundError):
        problems.add("bad_value", FILE, "неизвестный часовой пояс", column="school.timezone", value=value,
                     hint='Укажите пояс из базы IANA: "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk"')  # fmt: skip
        return "Europe/Moscow"
    return value.strip()


def _prefer(data: dict, problems: Problems) -> str:
    """[chats] prefer = "chats" | "typed": which wins where both give a person's week."""
    section = data.get("chats", {})
    value = section.get("prefer", "") if isinstance(section, dict) else None
    if value not in ("", "chats", "typed"):
        problems.add("bad_value", FILE, "ожидается \"chats\" (счёт из чатов) или \"typed\" (введённые числа)",
                     column="chats.prefer", value=value, hint='Напишите prefer = "chats" или prefer = "typed"')  # fmt: skip
        return ""
    return value


def _kind(section: dict, problems: Problems):
    """``kind`` (default «четверть»: the ``quarters = […]`` of earlier years means quarters), and the one
    list of dates: ``periods`` or ``quarters``, not both."""
    from ..periods import KINDS, QUARTER, kind_named

    raw = section.get("kind", QUARTER.name)
    kind = kind_named(raw) if isinstance(raw, str) else None
    if kind is None:
        problems.add("bad_value", FILE, "вид учебных периодов не распознан", column="school_year.kind", value=str(raw)[:80],
                     hint="Напишите одно из: " + ", ".join(f'kind = "{k}"' for k in KINDS))  # fmt: skip
        return None
    if "periods" in section and "quarters" in section:
        problems.add("bad_calendar", FILE, "даты периодов заданы дважды: и periods, и quarters",
                     column="school_year.periods", hint="Оставьте одно: periods = [[…], …] (quarters — прежнее имя)")  # fmt: skip
        return None
    if "quarters" in section and kind is not QUARTER:
        problems.add("bad_calendar", FILE, f"quarters — это четверти, а kind = «{kind.name}»",
                     column="school_year.quarters", hint="Назовите список дат periods = [[…], …]")  # fmt: skip
        return None
    return kind


def _calendar_fits(label: str, quarters, kind, key: str, problems: Problems) -> bool:
    """The label names the archive folder and every document: the periods must lie in that year
    (1 July of its first calendar year to 31 August of its second)."""
    first = int(label[:4])
    start, end = dt.date(first, 7, 1), dt.date(first + 1, 8, 31)
    outside = [n for n, (a, b) in enumerate(quarters, start=1) if not (start <= a and b <= end)]
    if outside:
        problems.add(
            "bad_calendar", FILE,
            f"эти периоды не лежат в {label} учебном году (с {start:%d.%m.%Y} по {end:%d.%m.%Y}): "
            + ", ".join(kind.numbered(n) for n in outside),
            column=f"school_year.{key}", value=f"{quarters[0][0]:%d.%m.%Y} – {quarters[-1][1]:%d.%m.%Y}",
            hint=f"Исправьте учебный год в school_year.label или даты {kind.genitive_plural}",
        )  # fmt: skip
    return not outside


def _quarters(raw, kind, key: str, problems: Problems):
    where = f"school_year.{key}"
    if not isinstance(raw, list) or len(raw) not in kind.counts:
        forms = (kind.name, kind.genitive, kind.genitive_plural)
        low, high = kind.counts[0], kind.counts[-1]
        many = f"ровно {counted(low, forms, ' ')}" if low == high else f"от {low} до {high} {kind.genitive_plural}"
        problems.add("bad_calendar", FILE, f"нужно {many}: пары [первый день, последний день]", column=where,
                     value=counted(len(raw), ("пара", "пары", "пар"), " ") if isinstance(raw, list) else None)  # fmt: skip
        return None
    quarters, failed = [], False
    for number, pair in enumerate(raw, start=1):  # every period's problem at once, not one per run
        key = f"{where}[{number}]"
        if not isinstance(pair, list) or len(pair) != 2:
            problems.add("bad_calendar", FILE, "ожидается пара дат", column=key, value=pair)
            failed = True
            continue
        try:
            start, end = (_iso(v) for v in pair)
        except ValueError:
            problems.add("bad_date", FILE, f"дата {kind.genitive} не прочитана", column=key, value=pair,
                         hint='В school.toml даты пишутся в кавычках, год-месяц-день: ["2023-09-01", "2023-10-27"]')  # fmt: skip
            failed = True
            continue
        if end < start:
            problems.add("bad_calendar", FILE, f"{kind.numbered(number)} кончается раньше, чем начинается",
                         column=key, value=pair)  # fmt: skip
            failed = True
            continue
        if quarters and start <= quarters[-1][1]:
            problems.add("bad_calendar", FILE, f"{kind.numbered(number)} начинается до окончания "
                         f"{kind.of_numbered(quarters[-1][2])} (периоды перекрываются или идут не по порядку)",
                         column=key, value=pair)  # fmt: skip
            failed = True
            continue
        quarters.append((start, end, number))
    return None if failed else tuple((start, end) for start, end, _ in quarters)


def _iso(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())
