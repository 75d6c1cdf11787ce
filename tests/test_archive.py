"""The archive: atomic packages, reruns, --force with versions, verify, the lock."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, wide_rows, write_xlsx
from .test_outputs import snapshot


def verify(package):
    return CliRunner().invoke(main, ["verify", str(package)])


def changed_inputs(inputs, person=1, value=3):
    """Rewrite monitoring.xlsx only (openpyxl stamps the clock into every file it saves)."""
    rows = [list(r) for r in WEEKLY]
    rows[person][-1] = value  # by default Семёнова falls below the threshold in the last week
    write_xlsx(
        inputs / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(weekly=rows)}
    )


def test_rerun_with_the_same_inputs_reproduces_the_package_and_says_so(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    second = run_cli(inputs, 2, "--data-only", outputs=first.outputs)
    assert second.exit_code == 0
    assert "Пакет не изменился" in second.output
    assert snapshot(first.package) == before


def test_changed_inputs_are_refused_without_force(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)
    second = run_cli(inputs, 2, "--data-only", outputs=first.outputs)
    assert second.exit_code == 4
    assert "monitoring.xlsx" in second.output and "--force" in second.output
    assert snapshot(first.package) == before


def test_force_keeps_the_replaced_package_and_records_what_changed(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)
    second = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert second.exit_code == 0, second.output
    assert "versions/1" in second.output
    kept = {
        name[len("versions/1/") :]: data
        for name, data in snapshot(first.package).items()
        if name.startswith("versions/1/")
    }
    assert kept == before
    replaces = json.loads((first.package / "manifest.json").read_text(encoding="utf-8"))["replaces"]
    assert replaces["version"] == 1 and replaces["changed_inputs"] == ["monitoring.xlsx"]
    assert "indicators[0].end_of_quarter.active: 3 → 2" in replaces["changed_figures"]
    assert verify(first.package).exit_code == 0
    # A third version keeps both earlier ones.
    changed_inputs(inputs, person=2, value=0)
    assert run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs).exit_code == 0
    assert sorted(p.name for p in (first.package / "versions").iterdir()) == ["1", "2"]


def test_verify_names_altered_added_and_removed_files(inputs, run_cli):
    package = run_cli(inputs, 2).package
    result = verify(package)
    assert result.exit_code == 0, result.output
    assert "цел" in result.output
    pdf = package / "report.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    (package / "roadmap.docx").unlink()
    (package / "notes.txt").write_text("x")
    result = verify(package)
    assert result.exit_code == 5
    assert "report.pdf: файл изменён" in result.output
    assert "roadmap.docx: файл удалён" in result.output
    assert "notes.txt: лишний файл" in result.output


def test_verify_recomputes_the_figures_from_the_archived_inputs(inputs, run_cli):
    package = run_cli(inputs, 2, "--data-only").package
    summary = json.loads((package / "summary.json").read_text(encoding="utf-8"))
    summary["indicators"][0]["end_of_quarter"]["percent"] = 99.0
    forged = (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode()
    (package / "summary.json").write_bytes(forged)
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    manifest["outputs"]["summary.json"] = {"sha256": hashlib.sha256(forged).hexdigest(), "size": len(forged)}
    (package / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = verify(package)
    assert result.exit_code == 5
    assert "не следует из архивных входных данных" in result.output
    assert "99.0 → 100.0" in result.output


def test_a_failure_while_writing_leaves_the_previous_package(inputs, run_cli, monkeypatch):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)
    calls = {"n": 0}
    real = os.fsync

    def full_disk(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    second = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert second.exit_code == 3
    assert "No space left on device" in second.output
    assert snapshot(first.package) == before
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]


def test_ctrl_c_while_writing_leaves_the_previous_package(inputs, run_cli, monkeypatch):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    second = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert second.exit_code == 130
    assert snapshot(first.package) == before
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]


def test_a_second_run_waits_then_fails_while_the_folder_is_busy(inputs, run_cli, tmp_path):
    outputs = tmp_path / "busy"
    outputs.mkdir()
    from filelock import FileLock

    with FileLock(outputs / ".make-report.lock"):  # another run holds the folder
        run = run_cli(inputs, 2, "--data-only", "--wait", "0.3", outputs=outputs)
    assert run.exit_code == 3
    assert "занята другим запуском" in run.output
    assert not (outputs / "2023-2024").exists()
    assert run_cli(inputs, 2, "--data-only", outputs=outputs).exit_code == 0


def test_leftovers_of_a_killed_run_are_cleaned_up(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    stale = first.package.parent / ".Q2.tmp-deadbeef"
    stale.mkdir()
    (stale / "half.pdf").write_bytes(b"%PDF-")
    assert run_cli(inputs, 2, "--data-only", outputs=first.outputs).exit_code == 0
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]
