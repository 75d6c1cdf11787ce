"""Where WeasyPrint's libraries cannot load (Windows without MSYS2's Pango), the run says so in
Russian with the way to install them, still writes the Word and Excel documents in a package
marked incomplete, exits 1; and the complete package replaces it once Pango is there."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from reporting.render.libraries import install_hint

NO_PANGO = textwrap.dedent(
    """
    import sys
    import cffi

    real = cffi.FFI.dlopen

    def dlopen(self, name, *args, **kwargs):
        if name and "gobject" in str(name):  # as where GLib is not installed
            raise OSError(f"cannot load library '{name}': error 0x7e")
        return real(self, name, *args, **kwargs)

    cffi.FFI.dlopen = dlopen
    import reporting.render.libreoffice
    reporting.render.libreoffice.find_soffice = lambda: None  # and no LibreOffice either
    sys.argv = ["make-report", *sys.argv[1:]]
    from reporting.cli import run_command
    run_command()
    """
)


def build(inputs, outputs, *extra, pango=True):
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q", *extra]
    command = ["-m", "reporting"] if pango else ["-c", NO_PANGO]
    return subprocess.run([sys.executable, *command, *args], capture_output=True, text=True, timeout=300)


def test_without_pango_the_word_documents_are_written_and_the_package_is_marked_incomplete(inputs, tmp_path):
    outputs = tmp_path / "out"
    done = build(inputs, outputs, pango=False)
    assert done.returncode == 6, done.stderr
    assert "пакет записан без PDF" in done.stderr and "Внутренняя ошибка" not in done.stderr
    assert "нет ни LibreOffice, ни библиотеки Pango" in done.stderr and "установите LibreOffice" in done.stderr
    assert "Готово" not in done.stderr + done.stdout  # -q: the one line says what happened, nothing before it
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1, done.stderr
    assert "apt install libpango-1.0-0" in done.stderr and "WeasyPrint could not" not in done.stdout + done.stderr
    package = outputs / "2023-2024" / "Q2"
    assert {p.name for p in package.iterdir()} >= {"report.docx", "roadmap.docx", "data.xlsx", "roadmap.xlsx"}
    assert not (package / "report.pdf").exists() and not (package / "roadmap.pdf").exists()
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["incomplete"]["missing"] == ["report.pdf", "roadmap.pdf"]
    assert "ВНИМАНИЕ: пакет неполный" in (package / "reading.txt").read_text(encoding="utf-8")
    verified = subprocess.run(
        [sys.executable, "-m", "reporting", "verify", str(package)], capture_output=True, text=True
    )
    assert (
        verified.returncode == 0
        and "цел, но неполный" in verified.stderr
        and "report.pdf, roadmap.pdf" in verified.stderr
    )
    # Pango installed: the complete package replaces the incomplete one without --force, which is kept.
    again = build(inputs, outputs)
    assert again.returncode == 0, again.stderr
    assert (package / "report.pdf").is_file() and (package / "versions" / "1" / "report.docx").is_file()


def test_the_data_only_run_needs_no_pango(inputs, tmp_path):
    done = build(inputs, tmp_path / "out", "--data-only", pango=False)
    assert done.returncode == 0, done.stderr


def test_the_hint_names_the_way_for_each_system():
    assert "pacman -S mingw-w64-x86_64-pango" in install_hint("win32")
    assert "WEASYPRINT_DLL_DIRECTORIES" in install_hint("win32")
    assert "sudo dnf install pango" in install_hint("linux") and "apt-get install libpango" in install_hint("linux")
    assert "brew install pango" in install_hint("darwin")


def test_without_harfbuzz_subset_a_progress_line_says_what_to_install(inputs, tmp_path, monkeypatch):
    from click.testing import CliRunner
    from weasyprint.text import ffi

    from reporting.cli import main

    def run():
        args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "--force"]
        return CliRunner().invoke(main, args, catch_exceptions=False)

    if ffi.harfbuzz_subset is not None:  # where the library is installed, nothing is said about it
        assert "HarfBuzz-subset" not in run().output
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)  # as where libharfbuzz-subset0 is not installed
    done = run()
    assert done.exit_code == 0, done.output
    assert "Шрифты PDF подбираются медленнее (нет библиотеки HarfBuzz-subset)" in done.output
    assert "sudo apt install libharfbuzz-subset0" in done.output


NO_WEASYPRINT = textwrap.dedent(
    """
    import sys

    class Refuse:
        def find_spec(self, name, path=None, target=None):
            if name == "weasyprint" or name.startswith("weasyprint."):
                raise ImportError("No module named 'weasyprint'")  # a broken or partial install

    sys.meta_path.insert(0, Refuse())
    import reporting.render.libreoffice
    reporting.render.libreoffice.find_soffice = lambda: None  # and no LibreOffice either
    sys.argv = ["make-report", *sys.argv[1:]]
    from reporting.cli import run_command
    run_command()
    """
)


def test_weasyprint_that_does_not_import_is_an_incomplete_package_not_an_internal_error(inputs, tmp_path):
    """Issue 34, point 7: ImportError (not OSError) from «import weasyprint» ended in exit 70."""
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "-q"]
    done = subprocess.run([sys.executable, "-c", NO_WEASYPRINT, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 6, done.stderr
    assert "Внутренняя ошибка" not in done.stderr and "Готово" not in done.stderr
    assert (tmp_path / "out" / "2023-2024" / "Q2" / "report.docx").is_file()


def test_libreoffice_asked_for_where_it_is_not_installed_says_so(inputs, tmp_path):
    script = NO_PANGO.replace("from reporting.cli import run_command", "from reporting.cli import run_command  # noqa")
    args = [
        "--quarter",
        "2",
        "--inputs",
        str(inputs),
        "--outputs",
        str(tmp_path / "out"),
        "--pdf-engine",
        "libreoffice",
    ]
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "LibreOffice не найден" in done.stderr and "libreoffice.org" in done.stderr
    assert not (tmp_path / "out").exists()
