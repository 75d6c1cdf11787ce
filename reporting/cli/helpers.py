"""Small pieces of the command line: the organisations' progress bar, option parsing helpers."""

from __future__ import annotations

import click


def echo(line: str, err: bool = False) -> None:
    """Every line the commands print: whatever text of the inputs it quotes (a file name, a cell,
    a certificate field) cannot steer the terminal."""
    from ..read.text import terminal_text

    click.echo(terminal_text(line), err=err)


def say(message: str) -> None:
    """A line on stderr: messages for the person at the terminal (stdout carries check's figures)."""
    echo(message, err=True)


class OrganizationsBar:
    """On a terminal, one line on stderr, redrawn: done / total, share and the time left. Into a
    log or CI (stderr not a terminal), a plain line at every tenth, never a carriage return."""

    def __init__(self, quiet: bool, terminal: bool | None = None):
        import time

        self.quiet, self.started, self.clock, self.drawn = quiet, time.monotonic(), time.monotonic, False
        self.terminal = _stderr_is_a_terminal() if terminal is None else terminal
        self.tenths_said = 0

    def update(self, done: int, total: int, name: str, written: bool) -> None:
        if self.quiet or not total:
            return
        elapsed = self.clock() - self.started
        left = elapsed / done * (total - done) if done else 0
        line = f"… организации: {done} из {total} ({done * 100 // total} %), осталось ≈ {_duration(left)}"
        if not self.terminal:
            tenths = done * 10 // total
            if tenths > self.tenths_said or done == total:
                self.tenths_said = tenths
                echo(line, err=True)
            return
        click.echo(f"\r{line}   ", err=True, nl=False)
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            click.echo("", err=True)


def _stderr_is_a_terminal() -> bool:
    import sys

    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes} мин {seconds} с" if minutes else f"{seconds} с"


def progress_printer(quiet: bool):
    return (lambda _: None) if quiet else (lambda m: say(f"… {m}"))


def week_option(text: str):
    return parse_date_option("--week", text)


def parse_date_option(option: str, text: str):
    """A date option as people write it (25.12.2023), or a located refusal; None when blank."""
    from ..errors import InputError, Problem
    from ..read.cells import CellError, parse_date

    if not text.strip():
        return None
    try:
        return parse_date(text.strip())
    except CellError as exc:
        raise InputError([Problem("bad_option", option, f"дата не прочитана: {exc}", value=text,
                                  hint="Пишите дату так: 25.12.2023")]) from None  # fmt: skip


def default_year() -> str:
    import datetime as dt

    today = dt.date.today()
    start = today.year if today.month >= 6 else today.year - 1
    return f"{start}/{start + 1}"
