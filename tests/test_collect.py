"""make-report collect against a MAX Bot API stub on 127.0.0.1: paging, retries, a broken page,
a refused token, resuming, and the counts the pages then give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporting import check
from reporting.cli import main
from reporting.collect.max_api import Client
from reporting.collect.pages import collect_chat
from reporting.errors import CollectError

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, SCHOOL_TOML, write_xlsx
from .max_stub import TOKEN, Stub

MSK = dt.timezone(dt.timedelta(hours=3))
SINCE = int(dt.datetime(2023, 11, 13, tzinfo=MSK).timestamp() * 1000)
UNTIL = int(dt.datetime(2023, 11, 26, 23, 59, 59, tzinfo=MSK).timestamp() * 1000)


@pytest.fixture
def stub():
    with Stub() as server:
        yield server


def client(stub, **kw) -> Client:
    waits = []
    made = Client(TOKEN, stub.url, timeout=kw.pop("timeout", 5), sleep=waits.append, **kw)
    made.waits = waits
    return made


def school(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS]})
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [
        ["ФИО", "Категория", "MAX ID"],
        ["Иванова Анна Петровна", "педагогический работник", 101],
        ["Семёнова Юлия Игоревна", "педагогический работник", 202],
        ["Гайдуков Андрей Николаевич", "администрация", 404],
    ]})  # fmt: skip
    return folder


def test_collect_pages_through_the_window_and_the_counts_follow(stub, tmp_path):
    inputs = school(tmp_path / "inputs")
    folder = inputs / "chats" / "max" / "5001"
    done = collect_chat(client(stub), "5001", folder, SINCE, UNTIL, lambda line: None)
    assert done.messages >= 245 and done.members == 4
    assert len(list(folder.glob("page-*.json"))) == done.pages >= 3  # 245 messages, 100 a page
    report = check(inputs)
    assert report.valid, [p.describe() for p in report.problems]
    monitoring = report.model.monitoring
    counts = {p.name: [int(v) for v in monitoring.counts[i]] for i, p in enumerate(monitoring.people)}
    # fixtures/max_api/generate.py: 60/40/30 in the week of 13.11, 45/35+3/25 in the week of 20.11
    assert counts == {
        "Иванова Анна Петровна": [60, 45],
        "Семёнова Юлия Игоревна": [40, 38],
        "Гайдуков Андрей Николаевич": [30, 25],
    }
    assert sum("не засчитано ботов — 7" in n.message for n in report.reading) == 1


def test_429_500_and_a_timeout_are_retried(stub, tmp_path):
    stub.faults = ["429", "500", "timeout"]
    made = client(stub, timeout=0.5)
    done = collect_chat(made, "5001", tmp_path / "5001", SINCE, UNTIL, lambda line: None)
    assert done.messages >= 245
    retries = [w for w in made.waits if w >= 0.5]
    assert retries[:3] == [0.5, 1.0, 2.0]  # the pause doubles


def test_a_broken_page_keeps_what_was_saved_and_the_next_run_fetches_the_rest(stub, tmp_path):
    folder = tmp_path / "5001"
    stub.faults = [None, "malformed"]  # the first page arrives, the second is cut off
    with pytest.raises(CollectError) as stopped:
        collect_chat(client(stub, attempts=1), "5001", folder, SINCE, UNTIL, lambda line: None)
    assert "Сохранено страниц в этот раз: 1" in str(stopped.value) and "запустите collect снова" in str(stopped.value)
    saved = sorted(folder.glob("page-*.json"))
    assert len(saved) == 1 and not list(folder.glob(".*.part"))
    first_requests = len(stub.requests)
    done = collect_chat(client(stub), "5001", folder, SINCE, UNTIL, lambda line: None)
    assert done.already == 1
    fetched = [r for r in stub.requests[first_requests:] if r.startswith("/messages")]
    assert all(f"from={SINCE}" not in r for r in fetched)  # the saved page's window is not asked again
    again = collect_chat(client(stub), "5001", folder, SINCE, UNTIL, lambda line: None)
    assert again.pages == 0  # everything covered: nothing fetched


def test_a_refused_token_is_said_and_never_shown(stub, tmp_path, monkeypatch):
    inputs = school(tmp_path / "inputs")
    monkeypatch.setenv("MAX_BOT_TOKEN", "not-the-token-77")
    args = ["collect", "--chat", "5001", "--since", "13.11.2023", "--until", "26.11.2023", "--inputs", str(inputs),
            "--api", stub.url]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "MAX не принял запрос (401, код verify.token): токен бота неверен или отозван" in result.output
    assert "not-the-token-77" not in result.output


def test_the_command_end_to_end_writes_no_token_anywhere(stub, tmp_path, monkeypatch):
    inputs = school(tmp_path / "inputs")
    monkeypatch.setenv("MAX_BOT_TOKEN", TOKEN)
    args = ["collect", "--chat", "5001", "--since", "13.11.2023", "--until", "26.11.2023", "--inputs", str(inputs),
            "--api", stub.url]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Чат 5001: страниц записано" in result.output and TOKEN not in result.output
    for path in inputs.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    assert stub.seen_tokens == {TOKEN}  # sent in the Authorization header, never in a URL
    assert all(TOKEN not in r for r in stub.requests)


def test_a_token_file_inside_the_inputs_is_refused(stub, tmp_path):
    inputs = school(tmp_path / "inputs")
    (inputs / "token.txt").write_text(TOKEN, encoding="utf-8")
    args = ["collect", "--chat", "5001", "--since", "13.11.2023", "--until", "26.11.2023", "--inputs", str(inputs),
            "--api", stub.url]  # fmt: skip
    result = CliRunner().invoke(main, [*args, "--token-file", str(inputs / "token.txt")])
    assert result.exit_code == 2 and "вне папки inputs/" in result.output
    # the hint, followed: the token file kept outside inputs/
    (inputs / "token.txt").rename(tmp_path / "token.txt")
    result = CliRunner().invoke(main, [*args, "--token-file", str(tmp_path / "token.txt")])
    assert result.exit_code == 0, result.output
    assert TOKEN not in result.output
