"""``make-report keys`` and the district store's keys: made once and shown once, hashed, listed without
the key, revoked, expired (issue 29, point 1)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

from click.testing import CliRunner

from reporting.cli import main
from reporting.district.keys import add_key, store_of

from .district_kit import SCHOOL, district_inputs


def keys(*args: str):
    return CliRunner().invoke(main, ["keys", *args])


def test_a_school_key_is_printed_once_alone_on_the_last_line_and_stored_hashed(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    result = keys("add", SCHOOL, "--inputs", str(inputs), "--outputs", str(outputs))
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"[A-Z2-7]{52}", key)  # 256 bits in base32: 52 × 5 = 260 ≥ 256
    assert len(set(key)) > 10  # not a constant
    assert f"организации «{SCHOOL}»" in result.output
    database = (outputs / "district" / "district.sqlite3").read_bytes()
    assert key.encode() not in database
    listed = keys("list", "--outputs", str(outputs))
    assert listed.exit_code == 0 and key not in listed.output
    assert listed.output.startswith("1\t") and SCHOOL in listed.output and "ни разу" in listed.output
    actor = store_of(outputs).actor(key)
    assert actor.organization == SCHOOL and not actor.is_district
    assert "использован 20" in keys("list", "--outputs", str(outputs)).output  # last use noted


def test_a_district_key_sees_everything(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    result = keys("add", "--district", "специалист Иванова", "--inputs", str(inputs), "--outputs", str(outputs))
    assert result.exit_code == 0, result.output
    actor = store_of(outputs).actor(result.output.strip().splitlines()[-1])
    assert actor.is_district and actor.label == "специалист Иванова"


def test_an_organisation_not_in_the_list_is_refused_with_the_close_one(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    result = keys("add", "МАОУ СОШ № 24", "--inputs", str(inputs), "--outputs", str(outputs))
    assert result.exit_code == 2 and "нет в organizations.xlsx" in result.output and SCHOOL in result.output
    assert "Пакет не записан" not in result.output
    suggested = re.search(r"Может быть: «(.+?)»(?:,|$)", result.output, re.M).group(1)  # the hint, followed
    followed = keys("add", suggested, "--inputs", str(inputs), "--outputs", str(outputs))
    assert followed.exit_code == 0, followed.output
    assert store_of(outputs).actor(followed.output.strip().splitlines()[-1]).organization == SCHOOL


def test_revoked_and_expired_keys_open_nothing(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    first = keys("add", SCHOOL, "--inputs", str(inputs), "--outputs", str(outputs)).output.strip().splitlines()[-1]
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    second = keys("add", SCHOOL, "--expires", f"{tomorrow:%d.%m.%Y}", "--inputs", str(inputs), "--outputs",
                  str(outputs)).output.strip().splitlines()[-1]  # fmt: skip
    store = store_of(outputs)
    assert store.actor(second) is not None and store.actor(second, today=tomorrow) is not None
    assert store.actor(second, today=tomorrow + dt.timedelta(days=1)) is None  # the day after its last
    assert keys("revoke", "1", "--outputs", str(outputs)).exit_code == 0
    assert store.actor(first) is None
    again = keys("revoke", "1", "--outputs", str(outputs))
    assert again.exit_code == 2 and "уже отозван" in again.output
    assert "отозван" in keys("list", "--outputs", str(outputs)).output
    assert store.actor("") is None and store.actor(first + "x") is None and store.actor("a" * 10_000) is None


def test_an_expiry_in_the_past_is_refused(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    result = keys("add", SCHOOL, "--expires", "01.01.2020", "--inputs", str(inputs), "--outputs", str(outputs))
    assert result.exit_code == 2 and "срок действия ключа уже прошёл" in result.output


def test_the_database_is_wal_and_every_key_change_is_audited(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    keys("add", SCHOOL, "--inputs", str(inputs), "--outputs", str(outputs))
    keys("revoke", "1", "--outputs", str(outputs))
    with sqlite3.connect(outputs / "district" / "district.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert [r[0] for r in db.execute("SELECT action FROM audit ORDER BY id")] == ["key_added", "key_revoked"]


def test_a_key_typed_from_the_printed_sheet_in_groups_and_small_letters_opens(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    key = add_key(inputs, outputs, SCHOOL)[1]
    from reporting.render.key_sheet import grouped

    typed = grouped(key).lower()
    assert typed.count(" ") == 12
    assert store_of(outputs).actor(f"  {typed}\n").organization == SCHOOL
    assert store_of(outputs).actor(key[:-1] + ("A" if key[-1] != "A" else "B")) is None  # one letter off


def test_keys_sheet_writes_the_pdf_to_standard_output_for_that_key_only(tmp_path):
    inputs, outputs = district_inputs(tmp_path / "in"), tmp_path / "out"
    key_id, key, _ = add_key(inputs, outputs, SCHOOL)
    runner = CliRunner()
    args = ["keys", "sheet", str(key_id), "--address", "https://otchet.rayon.ru", "--inputs", str(inputs),
            "--outputs", str(outputs)]  # fmt: skip
    made = runner.invoke(main, args, env={"MAKE_REPORT_KEY": key.lower()})
    if made.exit_code == 1 and "PDF" in made.stderr:
        return  # no PDF engine on this machine: the refusal says so (tested in test_no_pango)
    assert made.exit_code == 0, made.stderr
    assert made.stdout_bytes.startswith(b"%PDF") and key.encode() not in made.stderr_bytes
    assert not list(outputs.rglob("*.pdf")) and not list(inputs.rglob("*.pdf"))
    other = add_key(inputs, outputs, SCHOOL)[1]
    refused = runner.invoke(main, args, env={"MAKE_REPORT_KEY": other})
    assert refused.exit_code == 2 and refused.stdout_bytes == b"" and "не совпадает" in refused.stderr
    assert other not in refused.stderr
