"""«Ключи» on the district's page (issue 29, point 1): what ``keys add/list/revoke/sheet`` do — a key shown
once, stored hashed; its «Ключ доступа» sheet (PDF) made only for that key and never stored; a school's
session reaches none of it."""

from __future__ import annotations

import io
import re

import pytest
from starlette.testclient import TestClient

from reporting.district.keys import add_key, store_of
from reporting.render.key_sheet import grouped
from reporting.web import WebSettings, create_app

from .district_kit import GARDEN, SCHOOL, district_inputs
from .web_kit import ORIGIN, PORT

pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def office(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    settings = WebSettings(inputs, outputs, "127.0.0.1", PORT, district=True, public_host="otchet.rayon.ru")
    app = create_app(settings)
    client = TestClient(app, base_url=ORIGIN)
    client.get(f"/login?token={app.state.sessions.new_login_token()}")
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/keys").text).group(1)
    client.headers.update({"origin": ORIGIN, "x-csrf-token": csrf, "hx-request": "true"})
    return client, app, inputs, outputs


def made_key(text: str) -> tuple[int, str]:
    found = re.search(r'name="key_id" value="(\d+)"><input type="hidden" name="key" value="([A-Z2-7]+)"', text)
    return int(found.group(1)), found.group(2)


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages).replace("\xa0", " ")


def test_a_key_made_on_the_page_is_shown_once_and_opens_the_schools_page(office):
    client, app, _, outputs = office
    answer = client.post("/keys", data={"organization": GARDEN, "expires": "2099-08-31"})
    key_id, key = made_key(answer.text)
    assert answer.text.count(grouped(key)) == 1 and "показан один раз" in answer.text
    assert f"Ключ {key_id} создан: {GARDEN}, действует по 31.08.2099" in answer.text
    assert key not in client.get("/keys").text  # never again
    assert key.encode() not in (outputs / "district" / "district.sqlite3").read_bytes()
    actor = store_of(outputs).actor(grouped(key).lower())
    assert actor.organization == GARDEN and not actor.is_district
    rows = {r.id: r for r in store_of(outputs).key_rows()}
    assert rows[key_id].expires == "2099-08-31"


def test_the_sheet_is_made_for_that_key_only_with_the_public_address(office):
    client, _, _, outputs = office
    key_id, key = made_key(client.post("/keys", data={"organization": SCHOOL}).text)
    answer = client.post("/keys/sheet", data={"key_id": str(key_id), "key": key})
    if answer.status_code == 503:
        pytest.skip("no PDF engine here: " + answer.text[:200])
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["cache-control"] == "no-store"
    text = pdf_text(answer.content)
    assert key in "".join(text.split()) and SCHOOL in text and "https://otchet.rayon.ru/enter" in text
    assert "Управление образования администрации города Тюмени" in text and f"ключ № {key_id}" in text
    other_id, _ = made_key(client.post("/keys", data={"organization": GARDEN}).text)
    refused = client.post("/keys/sheet", data={"key_id": str(other_id), "key": key})  # the garden's number
    assert refused.status_code == 422 and "не совпадает" in refused.text and key not in refused.text
    assert not list(outputs.rglob("*.pdf"))  # never stored


def test_a_district_key_needs_no_organisation_and_is_labelled(office):
    client, _, _, outputs = office
    answer = client.post("/keys", data={"organization": "район", "label": "специалист Иванова"})
    key_id, key = made_key(answer.text)
    assert "район (специалист Иванова)" in answer.text
    assert store_of(outputs).actor(key).is_district


def test_an_unknown_organisation_or_date_is_refused_and_nothing_made(office):
    client, _, _, outputs = office
    answer = client.post("/keys", data={"organization": "СОШ № 999"})
    assert answer.status_code == 422 and "нет в organizations.xlsx" in answer.text
    assert client.post("/keys", data={"organization": SCHOOL, "expires": "31.02"}).status_code == 422
    assert store_of(outputs).key_rows() == []


def test_revoking_on_the_page_closes_the_key(office):
    client, _, inputs, outputs = office
    key_id, key, _ = add_key(inputs, outputs, SCHOOL)
    answer = client.post("/keys/revoke", data={"key_id": str(key_id)})
    assert answer.status_code == 200 and "отозван" in answer.text
    assert store_of(outputs).actor(key) is None
    assert client.post("/keys/revoke", data={"key_id": str(key_id)}).status_code == 404


def test_a_schools_session_reaches_no_key_page(office):
    _, app, inputs, outputs = office
    key = add_key(inputs, outputs, SCHOOL)[1]
    school = TestClient(app, base_url=ORIGIN)
    school.post("/enter", data={"key": key}, headers={"origin": ORIGIN})
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', school.get("/submit").text).group(1)
    headers = {"origin": ORIGIN, "x-csrf-token": csrf}
    assert school.get("/keys").status_code == 403
    assert school.post("/keys", data={"organization": GARDEN}, headers=headers).status_code == 403
    assert school.post("/keys/sheet", data={"key_id": "1", "key": key}, headers=headers).status_code == 403
    assert len(store_of(outputs).key_rows()) == 1


def test_without_weasyprint_libreoffice_makes_the_sheet_and_without_both_it_says_so(tmp_path, monkeypatch):
    import datetime as dt

    from reporting.errors import PdfUnavailable
    from reporting.render import key_sheet, libraries
    from reporting.render.libreoffice import find_soffice

    sheet = key_sheet.KeySheet(
        "Управление образования", SCHOOL, 3, "A" * 52, dt.date(2026, 12, 7), None, "https://x.ru"
    )
    monkeypatch.setattr(libraries, "pdf_engine", lambda requested: "none")
    with pytest.raises(PdfUnavailable, match="перепишите ключ с этой страницы"):
        key_sheet.key_sheet_pdf(sheet)
    if find_soffice() is None:
        return
    monkeypatch.setattr(libraries, "pdf_engine", lambda requested: "libreoffice")
    text = pdf_text(key_sheet.key_sheet_pdf(sheet))
    assert "AAAA AAAA" in text and "https://x.ru/enter" in text and SCHOOL in text


def test_no_session_no_token_a_foreign_origin_or_host_reach_no_key_and_no_consolidation(office):
    client, app, inputs, outputs = office
    key_id, key, _ = add_key(inputs, outputs, SCHOOL)
    stranger = TestClient(app, base_url=ORIGIN)
    assert (
        stranger.post("/keys/sheet", data={"key_id": str(key_id), "key": key}, headers={"origin": ORIGIN}).status_code
        == 401
    )
    assert stranger.get("/keys").status_code == 401
    token = client.headers["x-csrf-token"]
    tries = [
        ({"origin": ORIGIN, "x-csrf-token": ""}, 403),  # the session's cookie without the form's token
        ({"origin": "https://evil.example", "x-csrf-token": token}, 403),  # another site's page
        ({"origin": ORIGIN, "x-csrf-token": token, "host": "evil.example"}, 400),  # DNS rebinding
    ]
    for headers, status in tries:
        for path, data in (("/keys/sheet", {"key_id": str(key_id), "key": key}), ("/keys", {"organization": GARDEN}),
                           ("/board/consolidate", {"week": "2023-12-25", "which": "received"})):  # fmt: skip
            answer = client.post(path, data=data, headers=headers)
            assert answer.status_code == status, (path, headers)
            assert key not in answer.text and b"%PDF" not in answer.content[:8]
    assert [r.organization for r in store_of(outputs).key_rows()] == [SCHOOL] and store_of(outputs).last_job(
        "consolidate"
    ) is None
