"""One table maps the library's exceptions to exit codes, and the README lists every code."""

from __future__ import annotations

import re

from click.testing import CliRunner

from reporting.cli import EXIT_CODES, INTERNAL_ERROR, INTERRUPTED, exit_code_of, main
from reporting.errors import ReportError

from .conftest import ROOT
from .test_municipal import municipal_inputs


def every_error_class(base=ReportError) -> set[type]:
    found = {base}
    for sub in base.__subclasses__():
        found |= every_error_class(sub)
    return found


def test_every_error_class_has_its_exit_code():
    expected = {
        "ReportError": 70, "SetupError": 1, "PdfUnavailable": 1, "CollectError": 1, "InputError": 2, "PackageNotFound": 2, "ArchiveError": 3,
        "PackageExists": 4, "VerificationError": 5, "PackageIncomplete": 6, "RenderError": 70,
    }  # fmt: skip
    classes = every_error_class()
    assert {c.__name__ for c in classes} == set(expected)
    for cls in classes:
        instance = cls.__new__(cls)
        assert exit_code_of(instance) == expected[cls.__name__], cls


def test_the_readme_documents_every_exit_code():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("Exit codes:") : text.index("### Many organisations")]
    documented = {int(code) for code in re.findall(r"`(\d+)`", section)}
    assert documented == {0, 2} | {code for _, code in EXIT_CODES} | {INTERNAL_ERROR, INTERRUPTED}


def test_verify_of_a_missing_folder_is_a_bad_argument_not_a_write_failure(tmp_path):
    result = CliRunner().invoke(main, ["verify", str(tmp_path / "nowhere")])
    assert result.exit_code == 2, result.output
    assert "nowhere: папки пакета нет" in result.output and "Traceback" not in result.output


def test_a_crash_while_rendering_under_strict_is_an_internal_error(tmp_path, run_cli, monkeypatch):
    import reporting.render.package_files

    real = reporting.render.package_files.render_package

    def failing(model, options, *args):
        if model.organization.startswith("МАДОУ"):
            raise RuntimeError("сломалось")
        return real(model, options, *args)

    monkeypatch.setattr(reporting.render.package_files, "render_package", failing)
    folder = municipal_inputs(tmp_path)
    run = run_cli(folder, 2, "--each-organization", "--data-only", "--jobs", "1", "--strict")
    assert run.exit_code == INTERNAL_ERROR, run.output
    assert "«МАДОУ «Детский сад № 5»»: внутренняя ошибка: RuntimeError('сломалось')" in run.output
    assert not (tmp_path / "outputs" / "2023-2024").exists()
    lenient = run_cli(folder, 2, "--each-organization", "--data-only", "--jobs", "1", outputs=tmp_path / "lenient")
    assert lenient.exit_code == 0 and "записано 1, не удалось 1" in lenient.output


def test_docs_list_every_problem_kind_with_its_meaning():
    from reporting.kinds import Kind

    text = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    for kind in Kind:
        assert f"| `{kind.value}` | {kind.title} |" in text, kind


def test_every_kind_in_the_catalogue_is_used_somewhere():
    from reporting.kinds import Kind

    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "reporting").rglob("*.py") if p.name != "kinds.py"
    )
    for kind in Kind:
        assert f'"{kind.value}"' in source or f"Kind.{kind.name}" in source, kind
