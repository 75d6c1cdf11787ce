"""``make-report week --submit URL`` against a live district server on 127.0.0.1 (issue 29, point 2):
the return it just wrote lands as the school's submission; the key is never printed."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reporting.cli import main
from reporting.district.keys import add_key, store_of

from .conftest import ROOT
from .district_kit import GARDEN, SCHOOL, district_inputs


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("district")
    inputs, outputs = district_inputs(root / "in"), root / "out"
    keys = {SCHOOL: add_key(inputs, outputs, SCHOOL)[1], GARDEN: add_key(inputs, outputs, GARDEN)[1]}
    process = subprocess.Popen(
        [sys.executable, "-m", "reporting", "serve", "--district", "--no-browser", "--port", "0", "--inputs", str(inputs),
         "--outputs", str(outputs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    line = process.stdout.readline()
    base = re.search(r"(http://127\.0\.0\.1:\d+)/login", line).group(1)
    yield base, keys, outputs
    process.terminate()
    process.wait(timeout=20)


def week(tmp_path, base, env, *extra):
    return CliRunner(env=env).invoke(main, ["week", "--inputs", str(ROOT / "inputs"), "--outputs", str(tmp_path / "out"),
                                            "--submit", base, *extra])  # fmt: skip


def test_the_weeks_return_is_sent_and_lands_as_the_schools(server, tmp_path):
    base, keys, outputs = server
    result = week(tmp_path, base, {"MAKE_REPORT_KEY": keys[SCHOOL]})
    assert result.exit_code == 0, result.output
    assert re.search(r"Отправлено в район: отправка \d+, статус «получено», проблем: 0", result.output)
    assert keys[SCHOOL] not in result.output
    actor = store_of(outputs).actor(keys[SCHOOL])
    rows = store_of(outputs).submissions(actor)
    assert rows[0]["organization"] == SCHOOL and rows[0]["week"] == "2023-12-25"
    sent = (tmp_path / "out" / "2023-2024" / "weekly" / "2023-12-25" / "return.xlsx").read_bytes()
    assert (outputs / "district" / rows[0]["file"]).read_bytes() == sent


def test_another_schools_key_is_refused_and_says_so(server, tmp_path):
    base, keys, _ = server
    result = week(tmp_path, base, {"MAKE_REPORT_KEY": keys[GARDEN]})
    assert result.exit_code != 0 and "район отклонил отчёт" in result.output and keys[GARDEN] not in result.output


def test_a_wrong_key_is_named_plainly_and_never_shown(server, tmp_path):
    base, _, _ = server
    result = week(tmp_path, base, {"MAKE_REPORT_KEY": "wrong-key-123"})
    assert result.exit_code != 0 and "ключ не подошёл" in result.output and "wrong-key-123" not in result.output


def test_no_key_fails_before_anything_is_written(server, tmp_path):
    base, _, _ = server
    result = week(tmp_path, base, {"MAKE_REPORT_KEY": ""})
    assert result.exit_code == 2 and "MAKE_REPORT_KEY" in result.output
    assert not (tmp_path / "out").exists()


def test_a_key_file_inside_inputs_is_refused(server, tmp_path):
    base, _, _ = server
    inside = tmp_path / "in"
    (inside).mkdir()
    for name in ("school.toml", "roadmap.xlsx", "monitoring.xlsx"):
        (inside / name).write_bytes((ROOT / "inputs" / name).read_bytes())
    (inside / "key.txt").write_text("secret")
    result = CliRunner().invoke(main, ["week", "--inputs", str(inside), "--outputs", str(tmp_path / "out"), "--submit",
                                       base, "--key-file", str(inside / "key.txt")])  # fmt: skip
    assert result.exit_code == 2 and "лежит в папке входных данных" in result.output
