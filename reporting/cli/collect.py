"""``make-report collect``: a school's MAX chats fetched into ``inputs/chats/max/``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .helpers import say as _say
from .run import CONTEXT, common, folder_option, guarded

TOKEN_VARIABLE = "MAX_BOT_TOKEN"


def _day(value: str | None, name: str) -> dt.date | None:
    from ..errors import InputError, Problem

    if value is None:
        return None
    for form in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    raise InputError([Problem("bad_option", name, "дата пишется как 01.09.2023", value=value,
                              hint=f"Например: {name} 01.09.2023")])  # fmt: skip


def _token(token_file: Path | None, inputs: Path) -> str:
    from ..read.secrets import secret

    return secret(token_file, TOKEN_VARIABLE, inputs, "--token-file", "токен бота MAX")


def _school_dates(inputs: Path) -> tuple[str, dt.date | None]:
    """The time zone and the school year's first day from school.toml, when it is there."""
    import tomllib

    try:
        data = tomllib.loads((inputs / "school.toml").read_text(encoding="utf-8-sig"))
        year = data["school_year"]
        first = (year.get("periods") or year["quarters"])[0][0]  # any kind of period: «periods», or «quarters»
        start = dt.date.fromisoformat(str(first))
    except (OSError, ValueError, KeyError, IndexError, TypeError, tomllib.TOMLDecodeError):
        data, start = {}, None
    zone = (data.get("school") or {}).get("timezone", "Europe/Moscow") if isinstance(data, dict) else "Europe/Moscow"
    return zone if isinstance(zone, str) else "Europe/Moscow", start


@click.command(context_settings=CONTEXT)
@click.option("--chat", "chats", multiple=True,
              help="ID чата MAX (можно несколько: --chat 1 --chat 2); без него — чаты из inputs/chats/chats.toml.")  # fmt: skip
@click.option("--discover", is_flag=True,
              help="Найти чаты школы: ждать событий бота, пока его добавляют в чаты, и напечатать их id и названия.")  # fmt: skip
@click.option("--seconds", type=click.IntRange(min=1, max=3600), default=60, show_default=True,
              help="С --discover: сколько секунд ждать (Ctrl+C — закончить раньше).")  # fmt: skip
@click.option("--write", is_flag=True, help="С --discover: записать найденные чаты в inputs/chats/chats.toml.")
@click.option("--since", default=None, help="С какого дня (по умолчанию — начало учебного года из school.toml).")
@click.option("--until", default=None, help="По какой день включительно (по умолчанию — сегодня).")
@folder_option("--inputs", "Папка входных данных: страницы ложатся в chats/max/ЧАТ/.")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Файл с токеном бота (иначе — переменная окружения {TOKEN_VARIABLE}).")  # fmt: skip
@click.option("--api", default=None, help="Адрес MAX Bot API (по умолчанию https://platform-api2.max.ru).")
@click.option("--timeout", type=click.FloatRange(min=1, max=600), default=30.0, show_default=True,
              help="Сколько секунд ждать ответа на один запрос (целиком).")  # fmt: skip
@click.option("--max-pages", type=click.IntRange(min=1), default=500, show_default=True,
              help="Больше скольких страниц по 100 сообщений с одного чата не скачивать.")  # fmt: skip
@click.option("--ca-file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Файл корневого сертификата (Russian Trusted Root CA), если система ему не доверяет.")  # fmt: skip
@common
def collect(chats, discover, seconds, write, since, until, inputs: Path, token_file, api, timeout, max_pages, ca_file,
            quiet, all_problems, debug) -> None:  # fmt: skip
    """Скачивает сообщения чатов MAX (через бота школы) в inputs/chats/max/ — для подсчёта
    сообщений без ручного ввода. Повторный запуск докачивает только недостающее.

    Токен бота берётся из переменной окружения MAX_BOT_TOKEN или из --token-file; он не
    выводится и не сохраняется. Бот должен быть администратором каждого чата.

    Пример: make-report collect --chat 123456 --since 01.09.2023

    Id чатов не знаете? make-report collect --discover --write: добавьте бота в чаты школы, пока команда
    ждёт, — она напечатает id и названия чатов и запишет их в inputs/chats/chats.toml.
    """
    from zoneinfo import ZoneInfo

    from ..collect.max_api import API, Client
    from ..collect.pages import checked_chat, collect_chat
    from ..errors import InputError, Problem

    def action() -> None:
        if write and not discover:
            raise InputError([Problem("bad_option", "--write", "--write записывает чаты, найденные --discover",
                                      hint="make-report collect --discover --write")])  # fmt: skip
        if discover:
            return _discover(inputs, token_file, api, timeout, ca_file, seconds, write, quiet)
        from ..collect.discover import read_chats

        chosen = list(chats) or [chat.id for chat in read_chats(inputs)]
        if not chosen:
            raise InputError([Problem("bad_option", "--chat", "не указан ни один чат",
                                      hint="Укажите --chat ID или найдите чаты школы: make-report collect --discover "
                                           "--write")])  # fmt: skip
        for chat in chosen:  # before any request: a chat id is the name of a folder
            checked_chat(chat)
        zone_name, year_start = _school_dates(inputs)
        zone = ZoneInfo(zone_name)
        first = _day(since, "--since") or year_start
        if first is None:
            raise InputError([Problem("bad_option", "--since", "не с чего начать: нет school.toml с календарём",
                                      hint="Укажите --since 01.09.2023")])  # fmt: skip
        last = _day(until, "--until") or dt.date.today()
        if last < first:
            raise InputError([Problem("bad_option", "--until", "конец раньше начала", value=until)])
        low = int(dt.datetime.combine(first, dt.time(), zone).timestamp() * 1000)
        high = int(dt.datetime.combine(last, dt.time(23, 59, 59, 999000), zone).timestamp() * 1000)
        progress = (lambda line: None) if quiet else _say
        client = Client(_token(token_file, inputs), api or API, timeout, progress=progress,
                        ca_file=str(ca_file) if ca_file else None)  # fmt: skip
        for chat in chosen:
            collect_chat(client, chat, inputs / "chats" / "max" / chat, low, high, progress, max_pages)
        _say(f"Готово: {inputs / 'chats' / 'max'} — проверка: make-report check --inputs {inputs}")

    guarded(debug, action, every_problem=all_problems, writes=False)


def _discover(inputs: Path, token_file, api, timeout, ca_file, seconds: int, write: bool, quiet: bool) -> None:
    from ..collect.discover import discover, write_chats
    from ..collect.max_api import API, Client
    from .helpers import echo

    progress = (lambda line: None) if quiet else _say
    client = Client(_token(token_file, inputs), api or API, timeout, progress=progress,
                    ca_file=str(ca_file) if ca_file else None)  # fmt: skip
    _say(f"Жду событий бота {seconds} с: добавьте бота в чаты школы (или напишите в них). Ctrl+C — закончить раньше.")
    found, interrupted = discover(client, seconds, progress)
    if interrupted:
        _say("Ожидание прервано (Ctrl+C): найденное сохранено.")
    for chat in found:
        echo(f"{chat.id}\t{chat.title or '(без названия)'}\tаудитория: {chat.audience}")
    if not found:
        _say("Чатов не найдено: добавьте бота в чат школы (администратором) во время ожидания и запустите снова.")
        return
    if write:
        path, new = write_chats(inputs, found)
        _say(f"Записано в {path} (новых чатов: {new}). Скачать их сообщения: make-report collect")
    else:
        _say("Записать их в inputs/chats/chats.toml: та же команда с --write")
