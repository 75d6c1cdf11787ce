"""The district server's API (issue 29, point 2): a school submits with its key, sees only its own,
another school's file is refused and recorded, nothing is acknowledged before it is durable."""

from __future__ import annotations

import sqlite3

import pytest
from starlette.testclient import TestClient

from reporting.district.keys import add_key, store_of
from reporting.district.submissions import reconcile
from reporting.web import WebSettings, create_app

from .district_kit import GARDEN, SCHOOL, district_inputs, weekly_return
from .web_kit import ORIGIN, PORT


@pytest.fixture
def district(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    keys = {who: add_key(inputs, outputs, org)[1] for who, org in (("school", SCHOOL), ("garden", GARDEN))}
    keys["district"] = add_key(inputs, outputs, None, "специалист")[1]
    app = create_app(WebSettings(inputs, outputs, "127.0.0.1", PORT, district=True))
    return TestClient(app, base_url=ORIGIN), keys, outputs


def bearer(key: str) -> dict:
    return {"authorization": f"Bearer {key}"}


def send(client, key, data, name="return.xlsx"):
    return client.post("/api/v1/submissions", headers=bearer(key), files={"file": (name, data)})


def test_a_school_submits_and_gets_201_with_its_figures_checked(district):
    client, keys, outputs = district
    sent = weekly_return(SCHOOL)  # once: a workbook made a second later differs in its zip's times
    answer = send(client, keys["school"], sent)
    assert answer.status_code == 201
    assert answer.json() == {"id": 1, "status": "получено", "problems": 0}
    listed = client.get("/api/v1/submissions", headers=bearer(keys["school"])).json()["submissions"]
    assert [(s["id"], s["organization"], s["week"], s["status"]) for s in listed] == [
        (1, SCHOOL, "2023-12-25", "получено")
    ]
    stored = outputs / "district" / "submissions" / f"{listed[0]['sha256']}.xlsx"
    assert stored.read_bytes() == sent


def test_a_return_with_problems_is_received_with_them_located(district):
    client, keys, _ = district
    broken = weekly_return(SCHOOL, teachers=(59, 70))  # more active than there are
    answer = send(client, keys["school"], broken)
    assert answer.status_code == 201 and answer.json()["status"] == "есть ошибки" and answer.json()["problems"] >= 1
    one = client.get(f"/api/v1/submissions/{answer.json()['id']}", headers=bearer(keys["school"])).json()
    assert one["problems"][0]["sheet"] == "Охват" and one["problems"][0]["row"] == 3


def test_another_organisations_file_is_refused_403_and_recorded(district):
    client, keys, _ = district
    answer = send(client, keys["school"], weekly_return(GARDEN))
    assert answer.status_code == 403 and answer.json()["status"] == "отклонено"
    one = client.get(f"/api/v1/submissions/{answer.json()['id']}", headers=bearer(keys["school"])).json()
    assert "другая организация" in one["problems"][0]["message"]


def test_a_school_never_sees_another_schools_submission(district):
    client, keys, _ = district
    mine = send(client, keys["school"], weekly_return(SCHOOL)).json()["id"]
    theirs = send(client, keys["garden"], weekly_return(GARDEN)).json()["id"]
    assert client.get(f"/api/v1/submissions/{theirs}", headers=bearer(keys["school"])).status_code == 404
    assert client.get(f"/api/v1/submissions/{mine}", headers=bearer(keys["garden"])).status_code == 404
    assert client.get("/api/v1/submissions/x", headers=bearer(keys["garden"])).status_code == 404
    school = [s["id"] for s in client.get("/api/v1/submissions", headers=bearer(keys["school"])).json()["submissions"]]
    assert school == [mine]
    everyone = client.get("/api/v1/submissions", headers=bearer(keys["district"])).json()["submissions"]
    assert sorted(s["id"] for s in everyone) == sorted([mine, theirs])


def test_every_submission_is_recorded_a_repeat_too(district):
    client, keys, _ = district
    ids = [send(client, keys["school"], weekly_return(SCHOOL)).json()["id"] for _ in range(3)]
    assert ids == [1, 2, 3]


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer wrong", "Basic abc", "bearer"])
def test_without_a_live_key_it_is_401_and_nothing_recorded(district, header):
    client, _, outputs = district
    headers = {"authorization": header} if header else {}
    answer = client.post("/api/v1/submissions", headers=headers, files={"file": ("r.xlsx", weekly_return(SCHOOL))})
    assert answer.status_code == 401
    with sqlite3.connect(outputs / "district" / "district.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0


def test_wrong_keys_from_one_address_are_stopped(district):
    client, keys, _ = district
    codes = [client.get("/api/v1/submissions", headers=bearer(f"wrong{i}")).status_code for i in range(12)]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
    assert client.get("/api/v1/submissions", headers=bearer(keys["school"])).status_code == 429  # the address waits


def test_a_revoked_key_stops_at_once(district):
    client, keys, outputs = district
    assert client.get("/api/v1/submissions", headers=bearer(keys["garden"])).status_code == 200
    store_of(outputs).revoke_key(2)
    assert client.get("/api/v1/submissions", headers=bearer(keys["garden"])).status_code == 401


def test_a_cookie_beside_the_key_is_the_page_and_needs_its_session(district):
    client, keys, _ = district
    answer = client.get("/api/v1/submissions", headers={**bearer(keys["school"]), "cookie": "make_report_session=x"})
    assert answer.status_code == 401 and "application/json" not in answer.headers["content-type"]


def test_the_key_is_never_in_an_answer(district):
    client, keys, _ = district
    answers = [send(client, keys["school"], weekly_return(SCHOOL)), send(client, keys["school"], b"junk", "a.xlsx"),
               client.get("/api/v1/submissions", headers=bearer(keys["school"])),
               client.get("/api/v1/submissions/1", headers=bearer(keys["school"]))]  # fmt: skip
    for answer in answers:
        assert keys["school"] not in answer.text and keys["school"] not in str(answer.headers)


def test_a_file_without_its_row_goes_at_start_and_rows_keep_theirs(district):
    client, keys, outputs = district
    send(client, keys["school"], weekly_return(SCHOOL))
    folder = outputs / "district" / "submissions"
    (folder / ("0" * 64 + ".xlsx")).write_bytes(b"never acknowledged")
    (folder / ".incoming-abc").write_bytes(b"half written")
    removed, missing = reconcile(store_of(outputs))
    assert sorted(removed) == ["submissions/.incoming-abc", f"submissions/{'0' * 64}.xlsx"] and missing == []
    assert len(list(folder.iterdir())) == 1


def test_the_school_page_has_no_api(tmp_path):
    app = create_app(WebSettings(district_inputs(tmp_path / "in"), tmp_path / "out", "127.0.0.1", PORT))
    client = TestClient(app, base_url=ORIGIN)
    assert client.get("/api/v1/submissions", headers=bearer("x")).status_code == 401  # no bearer route: the page's 401


def review(client, key, number, status, comment=""):
    return client.post(f"/api/v1/submissions/{number}/review", headers=bearer(key),
                       json={"status": status, "comment": comment})  # fmt: skip


def board(client, key, week="2023-12-25"):
    return client.get(f"/api/v1/status?week={week}", headers=bearer(key))


def test_the_status_lifecycle_returned_resubmitted_accepted(district):
    client, keys, outputs = district
    start = {o["name"]: o["status"] for o in board(client, keys["district"]).json()["organizations"]}
    assert start == {SCHOOL: "нет данных", GARDEN: "нет данных"}
    first = send(client, keys["school"], weekly_return(SCHOOL, teachers=(59, 70))).json()["id"]
    assert {o["name"]: o["status"] for o in board(client, keys["district"]).json()["organizations"]}[
        SCHOOL
    ] == "есть ошибки"
    assert review(client, keys["district"], first, "на доработке").status_code == 422  # a return needs its comment
    assert (
        review(client, keys["district"], first, "returned", "Активных больше, чем всего").json()["status"]
        == "на доработке"
    )
    seen = client.get(f"/api/v1/submissions/{first}", headers=bearer(keys["school"])).json()
    assert seen["status"] == "на доработке" and seen["reviews"][0]["comment"] == "Активных больше, чем всего"
    second = send(client, keys["school"], weekly_return(SCHOOL)).json()["id"]
    now = {o["name"]: o for o in board(client, keys["district"]).json()["organizations"]}
    assert now[SCHOOL]["status"] == "получено" and now[SCHOOL]["submission"] == second
    assert review(client, keys["district"], second, "принято").json()["status"] == "принято"
    final = {o["name"]: o for o in board(client, keys["district"]).json()["organizations"]}
    assert final[SCHOOL]["status"] == "принято" and final[GARDEN]["status"] == "нет данных"
    groups = {g["group"]: (g["total"], g["active"], g["percent"]) for g in final[SCHOOL]["groups"]}
    assert groups == {"administration": (8, 8, 100.0), "teachers": (59, 54, 91.53)}  # 54/59 = 91.525… → 91.53
    with sqlite3.connect(outputs / "district" / "district.sqlite3") as db:
        actions = [r[0] for r in db.execute("SELECT action FROM audit WHERE action != 'key_added' ORDER BY id")]
    assert actions == ["submitted", "reviewed", "submitted", "reviewed"]


def test_only_the_district_decides_and_sees_the_board(district):
    client, keys, _ = district
    number = send(client, keys["school"], weekly_return(SCHOOL)).json()["id"]
    assert review(client, keys["school"], number, "принято").status_code == 403
    assert review(client, keys["garden"], number, "принято").status_code == 403
    assert board(client, keys["school"]).status_code == 403
    assert review(client, keys["district"], 999, "принято").status_code == 404
    assert review(client, keys["district"], number, "удалено").status_code == 422
    assert board(client, keys["district"], "вчера").status_code == 400
    assert board(client, keys["district"], "2023-12-27").json()["week"] == "2023-12-25"  # any day of the week


def test_a_school_never_sees_the_districts_comment_on_another_school(district):
    client, keys, _ = district
    theirs = send(client, keys["garden"], weekly_return(GARDEN)).json()["id"]
    review(client, keys["district"], theirs, "на доработке", "секретное замечание")
    assert client.get(f"/api/v1/submissions/{theirs}", headers=bearer(keys["school"])).status_code == 404
    listed = client.get("/api/v1/submissions", headers=bearer(keys["school"])).text
    assert "секретное замечание" not in listed


def test_a_foreign_host_is_400_for_the_api_too(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    key = add_key(inputs, outputs, SCHOOL)[1]
    app = create_app(WebSettings(inputs, outputs, "0.0.0.0", PORT, district=True, public_host="uo.example.ru:8765"))
    client = TestClient(app, base_url="http://uo.example.ru:8765")
    assert client.get("/api/v1/submissions", headers=bearer(key)).status_code == 200
    assert client.get("/api/v1/submissions", headers={**bearer(key), "host": "evil.example:8765"}).status_code == 400
