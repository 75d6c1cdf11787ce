"""``make-report serve``: the page for one school, in the browser (``reporting.web``)."""

from __future__ import annotations

from pathlib import Path

import click

from .helpers import echo
from .run import CONTEXT, common, folder_option, guarded


@click.command(context_settings=CONTEXT)
@folder_option("--inputs", "Папка с входными файлами (страница кладёт загруженные файлы сюда).")
@folder_option("--outputs", "Папка архива пакетов.")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="АДРЕС",
              help="Адрес, на котором слушать: только этот компьютер (127.0.0.1, localhost, ::1).")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, metavar="ПОРТ",
              help="Порт; 0 — любой свободный.")  # fmt: skip
@click.option("--trust", type=click.Path(path_type=Path), default=None, metavar="ПАПКА",
              help="Папка доверенных сертификатов и списков отзыва для проверки подписей (как у sign --trust).")  # fmt: skip
@click.option("--district", is_flag=True,
              help="Сервер района: школы отправляют недельные отчёты со своими ключами (make-report keys); "
                   "слушать можно и сетевой адрес.")  # fmt: skip
@click.option("--name", "public_host", default="", metavar="ИМЯ:ПОРТ",
              help="Сервер района: адрес, по которому его открывают школы (report.uo.example.ru:443); "
                   "запросы с другим заголовком Host отклоняются.")  # fmt: skip
@click.option("--tls-cert", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="ФАЙЛ",
              help="Сертификат для HTTPS (с --tls-key).")  # fmt: skip
@click.option("--tls-key", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="ФАЙЛ",
              help="Закрытый ключ сертификата HTTPS.")  # fmt: skip
@click.option("--no-browser", is_flag=True, help="Не открывать браузер: только напечатать ссылку для входа.")
@click.option("--get", "get_path", default=None, hidden=True, metavar="ПУТЬ",
              help="Один запрос GET к странице без открытия порта; код 0 только при ответе 200 (проверка).")  # fmt: skip
@common
def serve(inputs: Path, outputs: Path, host: str, port: int, trust: Path | None, district: bool, public_host: str, tls_cert: Path | None,
          tls_key: Path | None, no_browser: bool, get_path: str | None, quiet: bool,
          all_problems: bool, debug: bool) -> None:  # fmt: skip
    """Открывает страницу программы в браузере: загрузка файлов, проверка с показом ячеек,
    формирование пакета, подписи и архив — без командной строки.

    Печатает одну ссылку для входа: она действует один раз. Остановить: Ctrl+C.

    Пример: make-report serve
    """

    def announce(url: str) -> None:
        """The one line on stdout, flushed at once: a script or a log reads it from there."""
        import sys

        echo(f"Откройте в браузере: {url}")
        sys.stdout.flush()

    def action() -> int | None:
        from ..errors import InputError, Problem
        from ..web.server import open_socket, run_server
        from ..web.settings import WebSettings, is_loopback

        if (tls_cert is None) != (tls_key is None):
            raise InputError([Problem("bad_option", "--tls-cert", "для HTTPS нужны оба файла: --tls-cert и --tls-key",
                                      hint="Укажите сертификат и его закрытый ключ вместе")])  # fmt: skip
        tls = (tls_cert.absolute(), tls_key.absolute()) if tls_cert and tls_key else None
        if district and not is_loopback(host) and not public_host:
            raise InputError([Problem("bad_option", "--name", "сервер района в сети отвечает только на свой адрес, "
                                      "а он не указан", hint="Укажите, как школы его открывают: --name "
                                      "report.uo.example.ru:8765 (имя или адрес и порт)")])  # fmt: skip
        if district and not is_loopback(host) and tls is None:
            from .helpers import say

            say(
                "Внимание: сервер района слушает сеть по HTTP без шифрования — ключи школ пойдут открытым "
                "текстом. Поставьте его за nginx с TLS (README, «Сервер района») или укажите --tls-cert и --tls-key."
            )
        if not district and not is_loopback(host):
            raise InputError([Problem(
                "bad_option", "--host", f"адрес {host} открыл бы страницу школы другим компьютерам сети",
                value=host, hint="Страница школы слушает только этот компьютер: уберите --host или укажите 127.0.0.1 "
            "(открывать страницу другим компьютерам будет сервер района, make-report serve --district; его пока нет)",
            )])  # fmt: skip
        if get_path is not None:
            from ..web.server import get_once

            status, _ = get_once(WebSettings(inputs.absolute(), outputs.absolute(), host, port or 8765, district=district),
                                 get_path)  # fmt: skip
            echo(f"GET {get_path}: {status}")
            return 0 if status == 200 else 1
        if trust is not None:  # a folder that does not read is refused now, not at the first signature
            from ..signatures.trust import load_trust

            load_trust(trust)
        sock = open_socket(host, port)
        settings = WebSettings(
            inputs.absolute(),
            outputs.absolute(),
            host,
            sock.getsockname()[1],
            trust=trust.absolute() if trust else None,
            district=district,
            tls=tls,
            public_host=public_host,
        )
        outputs.mkdir(parents=True, exist_ok=True)
        run_server(settings, sock, announce, not no_browser)

    guarded(debug, action, writes=False)
