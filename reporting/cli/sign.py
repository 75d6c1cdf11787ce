"""``make-report sign``: record a director's electronic signatures in an archived package, or check
a signature of any file (``--check``)."""

from __future__ import annotations

from pathlib import Path

import click

from .helpers import say as _say
from .run import CONTEXT, common, format_option, guarded, print_json

# sign --check: each verdict its own code (exit codes 2 and 5 as for every command)
VERDICT_EXIT = {"valid": 0, "plain_accepted": 0, "plain_cms": 7, "invalid": 5}


@click.command(context_settings=CONTEXT)
@click.argument("package", metavar="ПАКЕТ", type=click.Path(path_type=Path))
@click.argument("signatures", metavar="ПОДПИСЬ...", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Только проверить подпись ФАЙЛА, ничего не записывая: sign --check ФАЙЛ ПОДПИСЬ. "
    "Код выхода 0 — подпись верна, 7 — верна математически, но не CAdES-BES (сертификат не заверен; "
    "принять: --accept-cms), 5 — не верна, 2 — это не подпись.",
)
@click.option(
    "--trust",
    "trust",
    type=click.Path(path_type=Path),
    default=None,
    metavar="ПАПКА",
    help="Папка доверенных сертификатов: корневые и промежуточные (.cer, .crt, .pem) и списки отзыва (.crl). "
    "С ней проверяется цепочка сертификата подписанта до доверенного корня; без неё отметка на копии для "
    "печати говорит, что сертификат не проверен.",
)
@click.option(
    "--accept-cms", is_flag=True,
    help="Принять подпись в простом формате CMS (математически верную, но не CAdES-BES: сертификат в ней "
    "подписью не заверен); отметка на копии для печати скажет, что сертификат не проверен.",
)  # fmt: skip
@click.option(
    "--date",
    "reg_date",
    default=None,
    metavar="ДД.ММ.ГГГГ",
    help="Дата регистрации документа, если он регистрируется при подписании (без --date/--number при сборке).",
)
@click.option(
    "--number",
    "reg_numbers",
    multiple=True,
    metavar="НОМЕР",
    help="Регистрационный номер; у каждого документа свой: --number report.pdf=01-12/15 --number roadmap.pdf=01-12/16.",
)
@click.option(
    "--wait", "lock_wait", type=click.FloatRange(min=0), default=10.0, show_default=True,
    help="Сколько секунд ждать, если архив занят другим запуском.",
)  # fmt: skip
@format_option
@common
def sign(
    package: Path, signatures: tuple[Path, ...], check_only: bool, trust: Path | None, accept_cms: bool,
    reg_date: str | None,
    reg_numbers: tuple[str, ...], lock_wait: float, output_format: str, quiet: bool, all_problems: bool, debug: bool,
) -> None:  # fmt: skip
    """Записывает в пакет архива электронные подписи его файлов, сделанные в КриптоПро,
    КриптоАРМ или на Госуслугах (файлы .sig/.p7s: DER, PEM или base64).

    Файл, к которому относится подпись, находится по хэшу. Проверяются хэш файла, подпись
    открытым ключом сертификата (ГОСТ Р 34.10-2012, RSA, ECDSA), сертификат подписанта и время
    подписания. Подпись ложится рядом с файлом (report.pdf.sig), для PDF пишется копия для печати
    с отметкой об электронной подписи (report.print.pdf), прежняя опись сохраняется в manifests/.
    С --trust ПАПКА проверяются и цепочка сертификатов до доверенного корня, назначение ключей и
    списки отзыва из этой папки; без неё отметка говорит «Подпись верна; сертификат не проверен».
    Самоподписанный сертификат, отозванный сертификат и время подписания в будущем — подпись не верна.

    Пример: make-report sign outputs/2023-2024/Q2 report.pdf.sig roadmap.pdf.sig

    Проверить чужую подпись: make-report sign --check письмо.pdf письмо.pdf.sig
    """
    from ..render.console import signature_lines

    def trusted():
        """The roots the user trusts (--trust), read before anything is checked (a folder that does not
        read is refused by the library, located)."""
        from ..signatures.trust import load_trust

        return load_trust(trust) if trust is not None else None

    def check_action() -> int | None:
        from ..errors import InputError, Problem, VerificationError
        from ..signatures.record import check_file

        if len(signatures) != 1:
            raise InputError([Problem("bad_option", "--check", f"нужны два пути, ФАЙЛ и ПОДПИСЬ, а указано {1 + len(signatures)}",
                                      hint="Пример: make-report sign --check письмо.pdf письмо.pdf.sig")])  # fmt: skip
        if output_format == "json":
            from ..render.machine import refused_document, signature_document

            try:
                checked = check_file(package, signatures[0], trusted())
            except InputError as exc:
                print_json(refused_document("sign --check", exc))
                return 2
            reasons = dict.fromkeys(c.chain.reason for c in checked.checks if c.chain.level == "unverified")
            print_json(signature_document(checked, "; ".join(reasons)))
            return VERDICT_EXIT["plain_accepted" if checked.verdict == "plain_cms" and accept_cms else checked.verdict]
        checked = check_file(package, signatures[0], trusted())
        for line in signature_lines(checked):
            _say(line)
        if not checked.valid:
            raise VerificationError(str(signatures[0]), [f for c in checked.checks for f in c.findings])
        if checked.verdict == "plain_cms":
            if accept_cms:
                _say("Подпись математически верна; это не CAdES-BES, и она принята по --accept-cms: сертификат "
                     "(владелец) подписью не заверен.")  # fmt: skip
                return 0
            _say("Подпись математически верна, но это не CAdES-BES: сертификат, а с ним и владелец, подписью не "
                 "заверен (код выхода 7). Принять её как есть: --accept-cms.")  # fmt: skip
            return VERDICT_EXIT["plain_cms"]
        _say("Подпись верна.")

    def sign_action() -> None:
        from ..errors import InputError, Problem
        from ..signatures.sign import sign_package

        if output_format == "json":
            raise InputError([Problem("bad_option", "--format json", "JSON выводит только sign --check",
                                      hint="Уберите --format json: запись подписей отвечает текстом")])  # fmt: skip
        if not signatures:
            raise InputError([Problem("bad_option", "ПОДПИСЬ", "не указано ни одного файла подписи",
                                      hint="Пример: make-report sign outputs/2023-2024/Q2 report.pdf.sig")])  # fmt: skip
        from ..signatures.registration import parse_registration

        registration = parse_registration(reg_date, reg_numbers)
        done = sign_package(package, list(signatures), lock_wait, trusted(), registration, accept_cms)
        for checked, name in done.recorded:
            for line in signature_lines(checked):
                _say(line)
            _say(f"  Записана в пакет: {name}")
        for source in done.already:
            _say(f"Подпись {source} уже записана в пакете — пропущена.")
        for name in done.print_copies:
            _say(f"Копия для печати с отметкой об электронной подписи: {name}")
        for why in done.unplaced:
            _say(f"Копия для печати не сделана: {why}")
        _say(f"Пакет {package}: подписей записано {len(done.recorded)}; проверка: make-report verify {package}")

    if check_only:
        guarded(debug, check_action, every_problem=all_problems, writes=False)
    guarded(debug, sign_action, every_problem=all_problems)
