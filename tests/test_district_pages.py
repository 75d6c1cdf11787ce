"""The district server's pages (issue 29, points 2–4): a school enters its key and sends its return, and
sees only its own; the district's board shows every organisation, returns and accepts; scope holds."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from starlette.testclient import TestClient

from reporting.district.keys import add_key
from reporting.web import WebSettings, create_app

from .district_kit import GARDEN, SCHOOL, district_inputs, weekly_return
from .web_kit import ORIGIN, PORT


@pytest.fixture
def server(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    keys = {SCHOOL: add_key(inputs, outputs, SCHOOL)[1], GARDEN: add_key(inputs, outputs, GARDEN)[1]}
    app = create_app(WebSettings(inputs, outputs, "127.0.0.1", PORT, district=True))
    return app, keys


def school(app, key):
    client = TestClient(app, base_url=ORIGIN)
    answer = client.post("/enter", data={"key": key}, headers={"origin": ORIGIN}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/submit"
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/submit").text).group(1)
    client.headers.update({"origin": ORIGIN, "x-csrf-token": csrf, "hx-request": "true"})
    return client


def district(app):
    client = TestClient(app, base_url=ORIGIN)
    token = app.state.sessions.new_login_token()
    client.get(f"/login?token={token}")
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/board").text).group(1)
    client.headers.update({"origin": ORIGIN, "x-csrf-token": csrf, "hx-request": "true"})
    return client


def test_a_school_enters_its_key_sends_and_sees_its_problems(server):
    app, keys = server
    client = school(app, keys[SCHOOL])
    answer = client.post("/submit", files={"file": ("return.xlsx", weekly_return(SCHOOL, teachers=(59, 70)))})
    assert "Отправка 1: есть ошибки" in answer.text and "строка 3" in answer.text
    assert client.post("/submit", files={"file": ("return.xlsx", weekly_return(SCHOOL))}).text.count("№ ") == 2


def test_a_wrong_key_opens_nothing(server):
    app, _ = server
    client = TestClient(app, base_url=ORIGIN)
    answer = client.post("/enter", data={"key": "wrong"}, headers={"origin": ORIGIN})
    assert answer.status_code == 401 and "Ключ не подошёл" in answer.text and "wrong" not in answer.text
    assert client.get("/submit").status_code == 401
    assert client.post("/enter", data={"key": "x"}).status_code == 403  # no Origin: not from the page


def test_a_schools_session_reaches_nothing_but_its_page(server):
    app, keys = server
    client = school(app, keys[SCHOOL])
    for path in ("/", "/board", "/board.xlsx", "/archive", "/build", "/week", "/school", "/layout",
                 "/file?package=x&name=y", "/problems.xlsx"):  # fmt: skip
        assert client.get(path).status_code == 403, path
    assert client.post("/board/review", data={"submission": "1", "status": "принято"}).status_code == 403
    assert client.post("/upload", files={"files": ("school.toml", b"x")}).status_code == 403


def test_every_address_but_the_schools_own_is_403_for_a_schools_session(server):
    """Every route the app has, found from its table (a new page is covered without being listed here)."""
    from starlette.routing import Route

    from reporting.web.security import SCHOOL_PATHS

    app, keys = server
    client = school(app, keys[SCHOOL])
    checked = 0
    for route in app.routes:
        if not isinstance(route, Route) or route.path.startswith(SCHOOL_PATHS):
            continue
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        for method in sorted(route.methods - {"HEAD"}):
            assert client.request(method, path).status_code == 403, (method, path)
            checked += 1
    assert checked >= 30  # the school page's addresses, the board's, the keys', the consolidation's


def test_a_school_never_sees_another_schools_submission_or_comment(server):
    app, keys = server
    garden = school(app, keys[GARDEN])
    garden.post("/submit", files={"file": ("return.xlsx", weekly_return(GARDEN))})
    board = district(app)
    board.post("/board/review", data={"submission": "1", "status": "на доработке", "comment": "замечание саду"})
    mine = school(app, keys[SCHOOL]).get("/submit").text
    assert "замечание саду" not in mine and "Отправок пока нет" in mine


def test_the_board_returns_the_school_sees_it_resubmits_and_is_accepted(server):
    app, keys = server
    client = school(app, keys[SCHOOL])
    client.post("/submit", files={"file": ("return.xlsx", weekly_return(SCHOOL, teachers=(59, 50)))})
    board = district(app)
    page = board.get("/board?week=2023-12-25").text
    assert SCHOOL in page and GARDEN in page and "нет данных" in page
    assert re.search(r"84[.,]7", page)  # 50 of 59 = 84.745… %, shown to one decimal
    returned = board.post("/board/review", data={"submission": "1", "status": "на доработке", "comment": "Проверьте"
                                                  " число педагогов"})  # fmt: skip
    assert "Отправка 1: на доработке" in returned.text
    seen = client.get("/submit").text
    assert "на доработке" in seen and "«Проверьте число педагогов»" in seen
    client.post("/submit", files={"file": ("return.xlsx", weekly_return(SCHOOL))})
    assert "получено" in board.get("/board?week=2023-12-25&status=получено").text
    board.post("/board/review", data={"submission": "2", "status": "принято"})
    accepted = board.get("/board?week=2023-12-25&status=принято").text
    assert SCHOOL in accepted and GARDEN not in accepted


def test_the_board_sorts_the_worst_first_shows_the_change_and_downloads(server):
    app, keys = server
    for org, active, week in ((SCHOOL, 30, "18.12–24.12.2023"), (SCHOOL, 54, "25.12–31.12.2023"),
                              (GARDEN, 20, "25.12–31.12.2023")):  # fmt: skip
        school(app, keys[org]).post("/submit", files={"file": ("r.xlsx", weekly_return(org, (59, active), week=week))})
    board = district(app)
    page = board.get("/board?week=2023-12-25&worst=teachers").text
    assert page.index(GARDEN) < page.index(SCHOOL, page.index("<tbody>"))  # 20/59 before 54/59
    assert "+40,7" in page.replace(".", ",")  # 54/59 − 30/59 = 40.677… п. п.
    data = board.get("/board.xlsx?week=2023-12-25&worst=teachers").content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == [GARDEN, SCHOOL]
    assert round(rows[1][3], 4) == round(54 * 100 / 59, 4) and round(rows[1][4], 4) == round(24 * 100 / 59, 4)
