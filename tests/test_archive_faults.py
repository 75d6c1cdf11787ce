"""Faults injected at exact points of the archive write: kill -9 at each step of the swap, a full
disk or an I/O error at the N-th write, a failing exchange. At every instant the package folder
exists and verifies, as the old package or the new one, and the next run leaves nothing behind."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap

import pytest

import reporting.archive.package as package

from .test_archive import changed_inputs, verify
from .test_outputs import snapshot

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import reporting.archive.package as package
    where, exchanges = sys.argv[1], sys.argv[2] == "exchange"

    def step(name):
        if name == where:
            os.kill(os.getpid(), signal.SIGKILL)

    package.step = step
    if not exchanges:
        package.exchange = lambda a, b: False  # as on Windows, macOS or a share that cannot exchange
    sys.argv = ["make-report", *sys.argv[3:]]
    from reporting.cli import run_command
    run_command()
    """
)


def killed_run(inputs, outputs, where: str, exchanges: bool = True) -> int:
    args = ["build", "--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "--data-only", "--force"]
    mode = "exchange" if exchanges else "renames"
    scratch = outputs.parent / "tmp"  # a killed run cannot remove its temporary folder: keep it out of /tmp
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(scratch)}
    done = subprocess.run([sys.executable, "-c", KILLER, where, mode, *args], capture_output=True, timeout=120, env=env)
    return done.returncode


def package_summary(folder) -> bytes:
    return (folder / "summary.json").read_bytes()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_this_file_system_exchanges_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "old").write_text("old")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "new").write_text("new")
    assert package.exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["old"]
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["new"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
@pytest.mark.parametrize(("where", "new_in_place"), [("staged", False), ("swapped", True), ("committed", True)])
def test_kill_at_each_step_of_the_swap_leaves_a_package_that_verifies(inputs, run_cli, where, new_in_place):
    first = run_cli(inputs, 2, "--data-only")
    old = package_summary(first.package)
    changed_inputs(inputs)
    assert killed_run(inputs, first.outputs, where) == -9
    assert first.package.is_dir()
    assert verify(first.package).exit_code == 0
    in_place = package_summary(first.package)
    assert (in_place != old) is new_in_place
    if new_in_place:
        assert (first.package / "versions" / "1" / "summary.json").read_bytes() == old
    again = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]  # leftovers removed
    assert verify(first.package).exit_code == 0


def test_kill_between_the_two_renames_is_named_by_verify_and_mended_by_the_next_run(inputs, run_cli):
    """Where folders cannot be exchanged, the one unsafe instant is between two renames:
    verify says where the package is, and the next run puts it back before anything else."""
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)
    assert killed_run(inputs, first.outputs, "retired", exchanges=False) == -9
    assert not first.package.exists()
    found = verify(first.package)
    assert found.exit_code == 5 and "замена была прервана" in found.output and ".Q2.old-" in found.output
    changed_inputs(inputs, person=2, value=0)
    refused = run_cli(inputs, 2, "--data-only", outputs=first.outputs)  # no --force: the old one is back, kept
    assert refused.exit_code == 4
    assert snapshot(first.package) == before
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]


@pytest.mark.parametrize(("code", "nth"), [(errno.ENOSPC, 1), (errno.ENOSPC, 5), (errno.EIO, 9), (errno.EIO, 0)])
def test_a_full_disk_or_an_io_error_at_the_nth_write_leaves_the_old_package(inputs, run_cli, monkeypatch, code, nth):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)
    at = nth or 2 * len(before)  # 0: the last write (the new files and versions/1/, a copy of the old)
    writes = []
    real = package.write_file

    def failing(path, data):
        writes.append(path)
        if len(writes) == at:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(package, "write_file", failing)
    run = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert len(writes) == at
    assert run.exit_code == 3 and os.strerror(code) in run.output, run.output
    assert snapshot(first.package) == before
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]
    assert verify(first.package).exit_code == 0


def test_an_io_error_in_the_exchange_itself_leaves_the_old_package(inputs, run_cli, monkeypatch):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)

    def broken(a, b):
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(b))

    monkeypatch.setattr(package, "exchange", broken)
    run = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert run.exit_code == 3
    assert snapshot(first.package) == before
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]


def test_an_empty_folder_in_a_package_is_kept_and_verified(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    (first.package / "сканы").mkdir()
    departs = verify(first.package)
    assert departs.exit_code == 5 and "сканы/: лишняя папка" in departs.output
    changed_inputs(inputs)
    assert run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs).exit_code == 0
    kept = first.package / "versions" / "1" / "сканы"
    assert kept.is_dir() and not any(kept.iterdir())
    manifest = json.loads((first.package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["folders"] == ["versions/1/сканы"]
    assert verify(first.package).exit_code == 0
    kept.rmdir()
    removed = verify(first.package)
    assert removed.exit_code == 5 and "versions/1/сканы/: папка удалена" in removed.output
    kept.mkdir()
    (kept / "скан.pdf").write_bytes(b"%PDF")
    filled = verify(first.package)
    assert filled.exit_code == 5 and "скан.pdf: лишний файл" in filled.output and "папка удалена" not in filled.output


@pytest.mark.skipif(sys.platform == "win32", reason="Windows names are UTF-16: every name is text")
def test_a_file_name_that_is_not_utf8_is_kept_byte_for_byte(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    name = "Скан приказа.pdf".encode("cp1251")  # unpacked from a Windows zip
    with open(os.path.join(os.fsencode(first.package), name), "wb") as handle:
        handle.write(b"%PDF-1.4 scan")
    changed_inputs(inputs)
    forced = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert forced.exit_code == 0, forced.output
    kept = os.fsencode(first.package / "versions" / "1")
    assert name in os.listdir(kept)
    with open(os.path.join(kept, name), "rb") as handle:
        assert handle.read() == b"%PDF-1.4 scan"
    raw = (first.package / "manifest.json").read_bytes()
    raw.decode("utf-8")  # the manifest stays UTF-8
    recorded = json.loads(raw)["versions"]
    assert "versions/1/" + os.fsdecode(name) in recorded  # lossless: the very name the file system gives
    assert verify(first.package).exit_code == 0


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda m: m.update(versions="versions"), "поле «versions» должно быть объектом"),
        (lambda m: m.update(inputs=None), "поле «inputs» должно быть объектом"),
        (lambda m: m.update(replaces={"folder": 1}), "поле «replaces», поле «folder» должно быть строкой"),
        (lambda m: m.update(replaces=[]), "поле «replaces» должно быть объектом"),
        (lambda m: m["outputs"]["summary.json"].update(size="12"), "size должен быть целым"),
        (lambda m: m.pop("outputs"), "нет поля «outputs»"),
    ],
)
def test_verify_reports_a_manifest_of_the_wrong_shape(inputs, run_cli, change, fragment):
    from .test_archive_safety import edit_manifest

    first = run_cli(inputs, 2, "--data-only")
    edit_manifest(first.package, change)
    found = verify(first.package)
    assert found.exit_code == 5, found.output
    assert fragment in found.output and "Traceback" not in found.output
    assert run_cli(inputs, 2, "--data-only", outputs=first.outputs).exit_code == 4  # a rerun will not overwrite it


def test_verify_reports_a_file_replaced_by_a_link(inputs, run_cli, tmp_path):
    first = run_cli(inputs, 2, "--data-only")
    (tmp_path / "other.json").write_bytes((first.package / "summary.json").read_bytes())
    (first.package / "summary.json").unlink()
    (first.package / "summary.json").symlink_to(tmp_path / "other.json")
    found = verify(first.package)
    assert found.exit_code == 5 and "summary.json: ссылка или особый файл" in found.output


def test_an_unchanged_rerun_on_a_read_only_archive_touches_nothing(inputs, run_cli, monkeypatch):
    """Root ignores file modes, so the read-only share is the lock file that cannot be created."""
    from filelock import FileLock

    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self.lock_file))

    monkeypatch.setattr(FileLock, "acquire", read_only)
    again = run_cli(inputs, 2, "--data-only", outputs=first.outputs)
    assert again.exit_code == 0 and "не изменился" in again.output
    changed_inputs(inputs)
    refused = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert refused.exit_code == 3 and "только для чтения" in refused.output
    assert snapshot(first.package) == before
    monkeypatch.undo()  # the hint, literally: another outputs folder, one that can be written
    elsewhere = run_cli(inputs, 2, "--data-only", outputs=first.outputs.parent / "другой архив")
    assert "--outputs ПАПКА" in refused.output and elsewhere.exit_code == 0


def test_a_linked_year_folder_is_not_written_through(inputs, run_cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / "2023-2024").symlink_to(elsewhere)
    run = run_cli(inputs, 2, "--data-only", outputs=outputs)
    assert run.exit_code == 3 and "2023-2024 — ссылка на другую папку" in run.output
    assert not any(elsewhere.iterdir())
