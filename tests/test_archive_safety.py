"""The archive never loses a file: damaged manifests, added files, links, verify's blind spots."""

from __future__ import annotations

import json
import os
import stat

from click.testing import CliRunner

from reporting.cli import main

from .test_archive import changed_inputs
from .test_outputs import snapshot


def verify(package):
    return CliRunner().invoke(main, ["verify", str(package)])


def edit_manifest(package, change) -> None:
    path = package / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_force_on_a_damaged_manifest_keeps_everything_in_versions(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    changed_inputs(inputs)
    assert run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs).exit_code == 0  # versions/1
    (first.package / "manifest.json").write_bytes(b'{"outputs": ')  # damaged
    before = snapshot(first.package)
    refused = run_cli(inputs, 2, "--data-only", outputs=first.outputs)
    assert refused.exit_code == 4 and "manifest.json повреждён" in refused.output
    assert snapshot(first.package) == before
    changed_inputs(inputs, person=2, value=0)
    forced = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert forced.exit_code == 0, forced.output
    after = snapshot(first.package)
    for name, data in before.items():  # nothing lost: versions/1 as it was, the rest in versions/2
        moved = name if name.startswith("versions/") else f"versions/2/{name}"
        assert after[moved] == data, name
    history = json.loads(after["manifest.json"])["replaces"]
    assert history["version"] == 2 and "manifest.json повреждён" in history["departures"][0]
    assert verify(first.package).exit_code == 0


def test_force_on_a_package_without_manifest_keeps_its_files(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    (first.package / "manifest.json").unlink()
    before = snapshot(first.package)
    changed_inputs(inputs)
    assert run_cli(inputs, 2, "--data-only", outputs=first.outputs).exit_code == 4
    assert run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs).exit_code == 0
    after = snapshot(first.package)
    assert {f"versions/1/{n}": d for n, d in before.items()} == {
        n: d for n, d in after.items() if n.startswith("versions/")
    }


def test_a_rerun_never_deletes_a_file_added_to_the_package(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    (first.package / "report_signed_scan.pdf").write_bytes(b"%PDF-1.4 signed")
    before = snapshot(first.package)
    again = run_cli(inputs, 2, "--data-only", outputs=first.outputs)
    assert again.exit_code == 4
    assert "report_signed_scan.pdf: лишний файл" in again.output
    assert "не изменился" not in again.output
    assert snapshot(first.package) == before
    forced = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    assert forced.exit_code == 0
    assert (first.package / "versions/1/report_signed_scan.pdf").read_bytes() == b"%PDF-1.4 signed"


def test_a_rerun_keeps_a_tampered_file_as_evidence(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    (first.package / "data.xlsx").write_bytes(b"tampered")
    again = run_cli(inputs, 2, "--data-only", outputs=first.outputs)
    assert again.exit_code == 4 and "data.xlsx: файл изменён после записи" in again.output
    assert (first.package / "data.xlsx").read_bytes() == b"tampered"


def test_unchanged_touches_nothing_even_with_paths_spelled_otherwise(inputs, run_cli, tmp_path):
    first = run_cli(inputs, 2, "--data-only")
    manifest = first.package / "manifest.json"
    before, stamp = snapshot(first.package), manifest.stat().st_mtime_ns
    assert "inputs" not in json.loads(manifest.read_text(encoding="utf-8"))["options"]  # no machine paths
    respelled = inputs.parent / "." / inputs.name
    again = run_cli(respelled, 2, "--data-only", outputs=first.outputs / ".." / first.outputs.name)
    assert again.exit_code == 0 and "Пакет не изменился" in again.output
    assert snapshot(first.package) == before and manifest.stat().st_mtime_ns == stamp


def test_a_linked_input_is_refused_and_never_archived(inputs, run_cli, tmp_path):
    secret = tmp_path / "secret.xlsx"
    (inputs / "monitoring.xlsx").rename(secret)
    (inputs / "monitoring.xlsx").symlink_to(secret)
    run = run_cli(inputs, 2, "--data-only")
    assert run.exit_code == 2
    assert "monitoring.xlsx" in run.output and "ссылка" in run.output
    assert not run.outputs.exists() or not any(run.outputs.rglob("*.xlsx"))


def test_a_linked_file_in_the_monitoring_folder_stops_even_a_tolerant_run(inputs, run_cli, tmp_path):
    folder = inputs / "monitoring"
    folder.mkdir()
    (inputs / "monitoring.xlsx").rename(folder / "Школа 1.xlsx")
    (folder / "x.xlsx").symlink_to("/etc/passwd")
    run = run_cli(inputs, 2, "--data-only", "--each-organization")
    assert run.exit_code == 2 and "monitoring/x.xlsx" in run.output
    assert not any(run.outputs.rglob("x.xlsx")) if run.outputs.exists() else True


def test_a_package_folder_that_is_a_link_is_left_alone(inputs, run_cli, tmp_path):
    real = run_cli(inputs, 2, "--data-only", outputs=tmp_path / "real").package
    before = snapshot(real)
    outputs = tmp_path / "outputs"
    (outputs / "2023-2024").mkdir(parents=True)
    (outputs / "2023-2024" / "Q2").symlink_to(real, target_is_directory=True)
    changed_inputs(inputs)
    run = run_cli(inputs, 2, "--data-only", "--force", outputs=outputs)
    assert run.exit_code == 3 and "ссылка" in run.output
    assert snapshot(real) == before


def test_recovery_never_removes_a_real_package_through_a_link(inputs, run_cli, tmp_path):
    real = run_cli(inputs, 2, "--data-only", outputs=tmp_path / "real").package
    before = snapshot(real)
    outputs = tmp_path / "outputs"
    year = outputs / "2023-2024"
    year.mkdir(parents=True)
    (year / ".Q2.old-deadbeef").symlink_to(real, target_is_directory=True)
    (year / ".Q2.tmp-deadbeef").symlink_to(real, target_is_directory=True)
    assert run_cli(inputs, 2, "--data-only", outputs=outputs).exit_code == 0
    assert snapshot(real) == before
    assert sorted(p.name for p in year.iterdir()) == ["Q2"] and not (year / "Q2").is_symlink()


def test_a_plain_file_where_the_package_goes_is_a_located_archive_error(inputs, run_cli, tmp_path):
    outputs = tmp_path / "outputs"
    (outputs / "2023-2024").mkdir(parents=True)
    (outputs / "2023-2024" / "Q2").write_text("not a folder")
    run = run_cli(inputs, 2, "--data-only", outputs=outputs)
    assert run.exit_code == 3
    assert "Q2 — файл, а не папка пакета" in run.output
    assert (outputs / "2023-2024" / "Q2").read_text() == "not a folder"


def test_package_folders_are_readable_by_others(inputs, run_cli):
    old = os.umask(0o022)
    try:
        package = run_cli(inputs, 2, "--data-only").package
    finally:
        os.umask(old)
    assert stat.S_IMODE(package.stat().st_mode) == 0o755


def test_verify_sees_deleted_added_and_renamed_versions(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    changed_inputs(inputs)
    assert run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs).exit_code == 0
    package = first.package
    assert verify(package).exit_code == 0
    (package / "versions/1/summary.json").rename(package / "versions/1/summary-old.json")
    result = verify(package)
    assert result.exit_code == 5
    assert "versions/1/summary.json: файл удалён" in result.output
    assert "versions/1/summary-old.json: лишний файл" in result.output
    (package / "versions/1/summary-old.json").rename(package / "versions/1/summary.json")
    (package / "versions/1/extra.txt").write_text("x")
    assert "versions/1/extra.txt: лишний файл" in verify(package).output
    import shutil

    shutil.rmtree(package / "versions")
    result = verify(package)
    assert result.exit_code == 5 and "versions/1: прежняя версия, названная в описи, удалена" in result.output


def test_verify_checks_the_manifests_own_fields(inputs, run_cli):
    package = run_cli(inputs, 2, "--data-only").package
    original = (package / "manifest.json").read_bytes()
    for key, value, said in [
        ("status_date", "2023-12-01", "«status_date»"),
        ("version", "9.9.9", "«version»"),
    ]:
        edit_manifest(package, lambda m, k=key, v=value: m.__setitem__(k, v))
        result = verify(package)
        assert result.exit_code == 5 and said in result.output, result.output
        (package / "manifest.json").write_bytes(original)
    edit_manifest(package, lambda m: m["options"].__setitem__("quarter", 3))
    result = verify(package)
    assert result.exit_code == 5 and "«options»" in result.output and "номер периода в описи (3)" in result.output
    (package / "manifest.json").write_bytes(original)
    assert verify(package).exit_code == 0


def test_verify_of_a_no_names_package_says_the_figures_were_not_recomputed(inputs, run_cli):
    package = run_cli(inputs, 2, "--data-only", "--no-names").package
    result = verify(package)
    assert result.exit_code == 0
    assert "не проверено: показатели не пересчитывались" in result.output
    assert "--no-names" in result.output
    assert "показатели подтверждены" not in result.output and "пересчитаны" not in result.output
    named = run_cli(inputs, 2, "--data-only", outputs=package.parents[2] / "named").package
    assert "проверено: показатели summary.json пересчитаны" in verify(named).output


def test_a_file_set_aside_unread_is_not_archived(inputs, run_cli):
    folder = inputs / "monitoring"
    folder.mkdir()
    (inputs / "monitoring.xlsx").rename(folder / "Школа 1.xlsx")
    (folder / "Школа 2.xlsx").write_bytes(b"not a workbook at all")
    run = run_cli(inputs, 2, "--data-only", "--each-organization")
    assert run.exit_code == 0, run.output
    assert "«Школа 2»" in run.output  # reported as set aside
    manifest = json.loads((run.package / "manifest.json").read_text(encoding="utf-8"))
    assert "monitoring/Школа 2.xlsx" not in manifest["inputs"]
    assert not (run.package / "inputs" / "monitoring" / "Школа 2.xlsx").exists()
    assert (run.package / "inputs" / "monitoring" / "Школа 1.xlsx").is_file()
    assert "Школа 2" in manifest["failed_organizations"]
