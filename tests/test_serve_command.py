"""``make-report serve`` as a command: loopback only, a busy port named, the hidden ``--get`` smoke test."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from reporting.cli import main

from .conftest import ROOT


def serve(*args: str):
    return CliRunner().invoke(main, ["serve", "--inputs", str(ROOT / "inputs"), "--no-browser", *args])


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::", "school.local"])
def test_an_address_other_computers_reach_is_refused_in_russian(host):
    result = serve("--host", host)
    assert result.exit_code == 2
    assert "другим компьютерам сети" in result.output and "127.0.0.1" in result.output


def test_a_busy_port_is_named_with_what_to_do():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = serve("--port", str(port))
    assert result.exit_code == 2 and f"порт {port} занят" in result.output and "--port 0" in result.output


def test_get_asks_the_page_once_without_a_port(tmp_path):
    ok = CliRunner().invoke(main, ["serve", "--inputs", str(ROOT / "inputs"), "--outputs", str(tmp_path), "--get", "/"])
    assert ok.exit_code == 0 and "GET /: 200" in ok.output
    missing = CliRunner().invoke(main, ["serve", "--inputs", str(ROOT / "inputs"), "--get", "/nowhere"])
    assert missing.exit_code == 1 and "404" in missing.output


def test_a_trust_folder_that_is_not_there_is_refused_before_the_page_starts(tmp_path):
    result = serve("--trust", str(tmp_path / "нет"), "--port", "0")
    assert result.exit_code == 2 and "папка доверенных сертификатов" in result.output


def test_the_district_server_may_listen_on_the_network_with_its_name_and_is_warned_without_tls(tmp_path):
    from .district_kit import district_inputs

    inputs = district_inputs(tmp_path / "in")
    nameless = CliRunner().invoke(main, ["serve", "--district", "--host", "0.0.0.0", "--inputs", str(inputs), "--outputs",
                                         str(tmp_path / "out"), "--no-browser"])  # fmt: skip
    assert nameless.exit_code == 2 and "--name" in nameless.output
    one = CliRunner().invoke(main, ["serve", "--district", "--host", "0.0.0.0", "--name", "uo.example.ru:8765",
                                    "--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "--get", "/"])  # fmt: skip
    assert one.exit_code == 0, one.output
    assert "без шифрования" in one.output and "GET /: 200" in one.output


def test_https_needs_both_files(tmp_path):
    result = serve("--district", "--tls-cert", str(tmp_path / "c.pem"), "--port", "0")
    assert result.exit_code == 2 and "--tls-key" in result.output
