"""«Сформировать свод» (issue 29, point 5): the district package from the schools' submissions (accepted
ones, or every one received), built as a background job whose state is in the database, so that a
restart finds it finished or queued again, never half-done."""

from __future__ import annotations

import datetime as dt
import json
import re
import time

import pytest
from starlette.testclient import TestClient

from reporting.district.consolidate import consolidate, select
from reporting.district.keys import store_of
from reporting.district.statuses import decide
from reporting.district.store import Actor
from reporting.district.submissions import receive
from reporting.web import WebSettings, create_app

from .district_kit import GARDEN, SCHOOL, district_inputs, weekly_return
from .web_kit import ORIGIN, PORT

WEEK = dt.date(2023, 12, 25)


@pytest.fixture
def week_of_returns(tmp_path):
    """Two weeks of СОШ № 24 (both accepted), a garden received, a third return sent back with a comment."""
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    store = store_of(outputs)
    school, garden, other = (Actor(store.add_key(n, n, None)[0], n, n) for n in (SCHOOL, GARDEN, "МАОУ «СОШ № 3»"))
    district = Actor(store.add_key("район", None, None)[0], "район", None)
    earlier = receive(
        store, inputs, school, "r.xlsx", weekly_return(SCHOOL, teachers=(59, 40), week="18.12–24.12.2023")
    )
    latest = receive(store, inputs, school, "r.xlsx", weekly_return(SCHOOL, teachers=(59, 54)))
    receive(store, inputs, garden, "r.xlsx", weekly_return(GARDEN, teachers=(20, 10), administration=(4, 2)))
    back = receive(store, inputs, other, "r.xlsx", weekly_return("МАОУ «СОШ № 3»", teachers=(30, 30)))
    broken = receive(store, inputs, garden, "x.xlsx", weekly_return(GARDEN, teachers=(20, 30), week="18.12–24.12.2023"))
    for number in (earlier.id, latest.id):
        decide(store, district, number, "accepted", "")
    decide(store, district, back.id, "returned", "Нет администрации")
    return inputs, outputs, store, broken.id, back.id


def teachers(package) -> list[tuple[str, int, int, float]]:
    summary = json.loads((package / "summary.json").read_text(encoding="utf-8"))
    found = next(i for i in summary["indicators"] if i["category"] == "teachers")
    return [(w["week"], w["counted"], w["active"], w["percent"]) for w in found["weeks"]]


def test_accepted_only_takes_the_accepted_returns_and_says_what_it_left_out(week_of_returns):
    inputs, outputs, store, broken, back = week_of_returns
    chosen = select(store, WEEK, "accepted")
    assert [(c.organization, c.week) for c in chosen.taken] == [(SCHOOL, "2023-12-18"), (SCHOOL, "2023-12-25")]
    assert {c.submission: c.status for c in chosen.left_out} == {
        3: "получено",
        back: "на доработке",
        broken: "есть ошибки",
    }
    said = []
    result = consolidate(store, inputs, outputs, WEEK, "accepted", said.append)
    # СОШ № 24 alone: 40 of 59 = 67,8 %, then 54 of 59 = 91,53 %
    assert teachers(result.folder) == [("2023-12-18", 59, 40, 67.8), ("2023-12-25", 59, 54, 91.53)]
    assert f"Не взята отправка № {back} «МАОУ «СОШ № 3»» за неделю с 25.12.2023: на доработке" in said
    assert result.model.quarter == 2 and result.organizations_written == 1


def test_all_received_adds_the_garden_but_never_a_return_sent_back_or_with_problems(week_of_returns):
    inputs, outputs, store, broken, back = week_of_returns
    result = consolidate(store, inputs, outputs, WEEK, "received", lambda line: None)
    # 25.12: 54 of 59 and 10 of 20 → 64 of 79 = 81,01 %; 18.12: the garden's return had problems → 40 of 59
    assert teachers(result.folder) == [("2023-12-18", 59, 40, 67.8), ("2023-12-25", 79, 64, 81.01)]
    summary = json.loads((result.folder / "summary.json").read_text(encoding="utf-8"))
    ends = {o["name"]: o["indicators"][1]["end_of_quarter"]["percent"] for o in summary["organizations"]}
    assert ends == {SCHOOL: 100.0, GARDEN: 50.0}  # administration: 8 of 8, 2 of 4
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["organizations"]) == sorted([SCHOOL, GARDEN])
    assert (result.folder / manifest["organizations"][GARDEN] / "summary.json").is_file()


def test_no_return_to_take_is_a_located_refusal(tmp_path):
    from reporting.errors import InputError

    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    with pytest.raises(InputError) as refused:
        consolidate(store_of(outputs), inputs, outputs, WEEK, "accepted", lambda line: None)
    assert "нет отправок" in refused.value.problems[0].message
    assert not (outputs / "2023-2024").exists()


def operator(client: TestClient, app) -> TestClient:
    client.get(f"/login?token={app.state.sessions.new_login_token()}")
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/board").text).group(1)
    client.headers.update({"origin": ORIGIN, "x-csrf-token": csrf, "hx-request": "true"})
    return client


def finished(client, job_id: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = client.get(f"/board/consolidation/{job_id}").text
        if "every 1s" not in text:
            return text
        time.sleep(0.3)
    raise AssertionError("the consolidation did not finish")


def test_the_board_consolidates_as_a_job_and_links_every_package(week_of_returns):
    inputs, outputs, store, _, _ = week_of_returns
    app = create_app(WebSettings(inputs, outputs, "127.0.0.1", PORT, district=True))
    with TestClient(app, base_url=ORIGIN) as client:
        operator(client, app)
        started = client.post("/board/consolidate", data={"week": "2023-12-27", "which": "received"})
        job_id = re.search(r"/board/consolidation/([0-9a-f]+)", started.text).group(1)
        text = finished(client, job_id)
        assert "Свод готов: outputs/2023-2024/Q2" in text and "Пакетов организаций: 2" in text
        links = re.findall(r'href="(/file\?[^"]+)"', text.replace("&amp;", "&"))
        assert any("organizations%2Fmadou-detskii-sad-no-5%2Freport.docx" in link for link in links) and GARDEN in text
        assert links and all(client.get(link).status_code == 200 for link in links)
        assert "Свод готов" in client.get("/board?week=2023-12-25").text  # the board shows the last one
    row = store.job(job_id)
    assert (row["kind"], row["state"], row["runs"]) == ("consolidate", "done", 1)
    assert json.loads(row["arguments"])["week"] == "2023-12-25"


def test_a_school_session_cannot_consolidate(week_of_returns):
    inputs, outputs, store, _, _ = week_of_returns
    key = store_of(outputs).add_key("школа", SCHOOL, None)[1]
    app = create_app(WebSettings(inputs, outputs, "127.0.0.1", PORT, district=True))
    client = TestClient(app, base_url=ORIGIN)
    client.post("/enter", data={"key": key}, headers={"origin": ORIGIN})
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/submit").text).group(1)
    answer = client.post("/board/consolidate", data={"week": "2023-12-25", "which": "received"},
                         headers={"origin": ORIGIN, "x-csrf-token": csrf})  # fmt: skip
    assert answer.status_code == 403
    assert store.last_job("consolidate") is None


def test_a_restart_runs_again_the_job_a_stopped_server_left_running(week_of_returns):
    inputs, outputs, store, _, _ = week_of_returns
    arguments = {"week": "2023-12-25", "which": "accepted", "inputs": str(inputs), "outputs": str(outputs)}
    store.add_job("0123456789abcdef", "consolidate", json.dumps(arguments), None)
    store.job_started("0123456789abcdef")  # the server was killed here: no package, the job «running»
    app = create_app(WebSettings(inputs, outputs, "127.0.0.1", PORT, district=True))
    with TestClient(app, base_url=ORIGIN) as client:
        assert app.state.resumed == ["0123456789abcdef"]
        operator(client, app)
        assert "Свод готов" in finished(client, "0123456789abcdef")
    row = store.job("0123456789abcdef")
    assert (row["state"], row["runs"]) == ("done", 2)
    assert teachers(outputs / "2023-2024" / "Q2") == [("2023-12-18", 59, 40, 67.8), ("2023-12-25", 59, 54, 91.53)]
    with store.reading() as db:
        actions = [r[0] for r in db.execute("SELECT action FROM audit WHERE detail LIKE '%0123456789abcdef%'")]
    assert actions == ["job_queued", "job_requeued", "job_finished"]


def test_a_finished_job_is_read_back_from_the_database_after_a_restart(week_of_returns):
    inputs, outputs, store, _, _ = week_of_returns
    settings = WebSettings(inputs, outputs, "127.0.0.1", PORT, district=True)
    app = create_app(settings)
    with TestClient(app, base_url=ORIGIN) as client:
        operator(client, app)
        started = client.post("/board/consolidate", data={"week": "2023-12-25", "which": "accepted"})
        job_id = re.search(r"/board/consolidation/([0-9a-f]+)", started.text).group(1)
        finished(client, job_id)
    again = create_app(settings)
    with TestClient(again, base_url=ORIGIN) as client:
        assert again.state.resumed == []
        operator(client, again)
        text = client.get(f"/board/consolidation/{job_id}").text
        assert "Свод готов: outputs/2023-2024/Q2" in text and "every 1s" not in text
