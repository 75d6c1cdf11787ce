"""The page's guard, request by request (issue 28, «Security»): each refusal and the one way in."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from reporting.web import WebSettings, create_app

from .web_kit import ORIGIN, face


@pytest.fixture
def web(tmp_path):
    return face(tmp_path, cap=64 * 1024)


def fresh_app(tmp_path):
    (tmp_path / "in").mkdir()
    app = create_app(WebSettings(tmp_path / "in", tmp_path / "out", "127.0.0.1", 8765))
    return app, TestClient(app, base_url=ORIGIN)


@pytest.mark.parametrize("path", ["/", "/build", "/archive", "/week", "/problems.xlsx", "/preview?file=monitoring.xlsx&sheet=Сотрудники&row=2",
                                  "/file?package=2023-2024/Q2&name=report.pdf", "/zip?package=2023-2024/Q2", "/week/return.xlsx"])  # fmt: skip
def test_without_a_session_every_page_and_file_is_401_with_no_data(tmp_path, path):
    app, client = fresh_app(tmp_path)
    answer = client.get(path)
    assert answer.status_code == 401
    assert "make-report serve" in answer.text and "СОШ" not in answer.text


def test_the_login_token_is_spent_on_first_use(tmp_path):
    app, client = fresh_app(tmp_path)
    token = app.state.sessions.new_login_token()
    first = client.get(f"/login?token={token}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert token not in cookie
    other = TestClient(app, base_url=ORIGIN)  # another browser with the same link
    again = other.get(f"/login?token={token}", follow_redirects=False)
    assert again.status_code == 403 and "уже использована" in again.text
    assert other.get("/").status_code == 401
    assert client.get("/").status_code == 200  # the first browser stays signed in


def test_a_wrong_token_opens_nothing(tmp_path):
    app, client = fresh_app(tmp_path)
    token = app.state.sessions.new_login_token()
    assert client.get("/login?token=" + token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 403
    assert client.get("/").status_code == 401
    assert client.get(f"/login?token={token}", follow_redirects=False).status_code == 303  # the right one still works


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:8766", "127.0.0.1", "localhost.evil.example:8765"])
def test_a_foreign_host_is_400(web, host):
    answer = web.client.get("/", headers={"host": host})
    assert answer.status_code == 400 and "Host" in answer.text


def test_the_own_host_by_name_is_served(web):
    assert web.client.get("/", headers={"host": "localhost:8765"}).status_code == 200


def test_a_state_change_without_the_csrf_token_is_403_and_writes_nothing(web):
    before = sorted(p.name for p in web.inputs.iterdir())
    answer = web.client.post("/upload", headers={"origin": ORIGIN}, files=[("files", ("school.toml", b"x"))])
    assert answer.status_code == 403 and "CSRF" in answer.text
    wrong = web.client.post("/upload", headers={"origin": ORIGIN, "x-csrf-token": web.csrf[:-2] + "xx"},
                            files=[("files", ("school.toml", b"x"))])  # fmt: skip
    assert wrong.status_code == 403
    assert sorted(p.name for p in web.inputs.iterdir()) == before


@pytest.mark.parametrize("origin", [None, "http://evil.example", "http://127.0.0.1:8766", "null"])
def test_a_state_change_without_a_matching_origin_is_403(web, origin):
    headers = {"x-csrf-token": web.csrf} | ({"origin": origin} if origin else {})
    assert web.client.post("/check", headers=headers).status_code == 403


def test_a_cross_site_fetch_is_403_even_with_the_token(web):
    headers = {"x-csrf-token": web.csrf, "origin": ORIGIN, "sec-fetch-site": "cross-site"}
    assert web.client.post("/check", headers=headers).status_code == 403


def test_the_right_token_and_origin_pass(web):
    assert web.post("/check").status_code == 200


def test_an_oversized_upload_is_413_and_writes_nothing(web):
    before = {p.name: p.read_bytes() for p in web.inputs.iterdir()}
    answer = web.upload(("monitoring.xlsx", b"\0" * (65 * 1024)))
    assert answer.status_code == 413 and "МБ" in answer.text
    assert {p.name: p.read_bytes() for p in web.inputs.iterdir()} == before


def test_a_body_longer_than_its_content_length_says_is_cut_at_the_cap(web):
    def chunks():
        for _ in range(40):
            yield b"\0" * 4096

    headers = {"origin": ORIGIN, "x-csrf-token": web.csrf, "content-type": "multipart/form-data; boundary=x"}
    assert web.client.post("/upload", headers=headers, content=chunks()).status_code == 413


def test_every_answer_carries_the_security_headers(web):
    for answer in (web.client.get("/"), web.client.get("/static/style.css"), web.client.get("/nowhere")):
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"


def test_no_page_has_inline_script_or_style(web):
    for path in ("/", "/build", "/archive", "/week"):
        html = web.client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and "<style" not in html, path
        assert "http://" not in html.replace(ORIGIN, "") and "https://" not in html, path  # nothing external


def test_the_static_files_do_not_reach_outside_their_folder(web):
    for path in ("/static/../__init__.py", "/static/%2e%2e/__init__.py", "/static/..%2f..%2fapi.py"):
        assert web.client.get(path).status_code == 404


@pytest.mark.parametrize("name", ["../inputs/school.toml", "/etc/passwd", "inputs/../../inputs/school.toml",
                                  "..", "", "report.pdf/.."])  # fmt: skip
def test_no_file_outside_a_package_is_served(web, name):
    (web.outputs / "2023-2024" / "Q2").mkdir(parents=True)
    (web.outputs / "2023-2024" / "Q2" / "manifest.json").write_text("{}")
    answer = web.client.get("/file", params={"package": "2023-2024/Q2", "name": name})
    assert answer.status_code == 404


def test_a_link_inside_a_package_is_not_followed(web, tmp_path):
    folder = web.outputs / "2023-2024" / "Q2"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("секрет")
    (folder / "report.pdf").symlink_to(secret)
    assert web.client.get("/file", params={"package": "2023-2024/Q2", "name": "report.pdf"}).status_code == 404
    assert "секрет" not in web.client.get("/zip", params={"package": "2023-2024/Q2"}).content.decode("latin-1")


def test_logout_ends_the_session(web):
    assert web.post("/logout").status_code == 200
    assert web.client.get("/").status_code == 401


def test_cell_text_is_escaped_in_every_place_it_is_shown(tmp_path):
    import openpyxl

    web = face(tmp_path)

    book = openpyxl.load_workbook(web.inputs / "monitoring.xlsx")
    sheet = book["Мониторинг"]
    sheet.cell(row=5, column=5).value = '<img src=x onerror="alert(1)">'
    book.save(web.inputs / "monitoring.xlsx")
    page = web.post("/check").text
    assert "<img src=x" not in page and "&lt;img src=x" in page
    link = re.search(r'hx-get="(/preview\?[^"]+row=5&amp;[^"]+)"', page).group(1).replace("&amp;", "&")
    preview = web.client.get(link).text
    assert "<img src=x" not in preview and "&lt;img src=x" in preview
