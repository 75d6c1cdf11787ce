"""Issue 33, points 4, 5, 12 and 16: ``sign`` reads regular files only, with a cap (a FIFO waited
for ever, /dev/zero read until MemoryError), a certificate owner's name cannot steer the terminal,
and a link to the package is named as a link."""

from __future__ import annotations

import os
import sys
import time

import pytest

from . import signing_kit as kit
from .test_sign_command import cli, sign_file, snapshot

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero: POSIX")


@pytest.fixture(scope="module")
def director():
    key = kit.new_key()
    return key, kit.certificate(key)


@posix_only
def test_a_fifo_as_the_signature_is_refused_at_once(package, tmp_path):
    fifo = tmp_path / "report.pdf.sig"
    os.mkfifo(fifo)  # nobody writes into it
    before = snapshot(package)
    started = time.monotonic()
    result = cli("sign", package, fifo)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.output
    assert "именованный канал (FIFO), а не файл" in result.output
    assert snapshot(package) == before


@posix_only
@pytest.mark.parametrize("what", ["signature", "file"])
def test_dev_zero_is_refused_by_name_not_read(package, tmp_path, director, what):
    signature = sign_file(tmp_path, package, "report.pdf", director)
    args = ["sign", "--check", "/dev/zero", signature] if what == "file" else ["sign", "--check",
                                                                              package / "report.pdf", "/dev/zero"]  # fmt: skip
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "устройство, а не файл" in result.output


def test_a_signature_file_over_the_cap_is_refused_unread(package, tmp_path, monkeypatch):
    import reporting.signatures.record as record

    monkeypatch.setattr(record, "MAX_SIGNATURE_FILE", 1 << 10)
    big = tmp_path / "big.sig"
    big.write_bytes(b"0" * 4096)
    result = cli("sign", package, big)
    assert result.exit_code == 2 and "файл больше" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_a_link_to_the_package_is_named_and_the_hint_signs(package, tmp_path, director):
    link = tmp_path / "Q2-link"
    link.symlink_to(package, target_is_directory=True)
    signature = sign_file(tmp_path, package, "report.pdf", director)
    refused = cli("sign", link, signature)
    assert refused.exit_code == 2, refused.output
    assert "это ссылка на папку, а не сама папка пакета" in refused.output
    assert "папки пакета нет" not in refused.output
    shown = refused.output.split("Укажите саму папку пакета: ", 1)[1].split()[0]
    done = cli("sign", shown, signature)  # the hint, literally
    assert done.exit_code == 0, done.output
    assert (package / "report.pdf.sig").is_file()


def test_a_certificate_owners_escape_sequences_are_not_printed(package, tmp_path):
    key = kit.new_key()
    cert = kit.certificate(key, surname="\x1b]0;ВЗЛОМ\x07\x1b[2JГайдуков", given="Андрей\u202e Николаевич")
    signature = sign_file(tmp_path, package, "report.pdf", (key, cert))
    result = cli("sign", package, signature)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output and "ВЗЛОМ" not in result.output
    assert "Владелец: Гайдуков Андрей Николаевич" in result.output
    manifest = (package / "manifest.json").read_text(encoding="utf-8")
    assert "\\u001b" not in manifest and "\x1b" not in manifest and "ВЗЛОМ" not in manifest
    assert cli("verify", package).exit_code == 0
