"""How the ``make-report`` process ends (issue 22 ends it with os._exit, skipping Python's teardown):
every line is out and the exit code is the command's; a reader that closes the pipe early (| head)
ends the run as any command line tool ends, not with «internal error»."""

from __future__ import annotations

import subprocess
import sys

ENTRY = "import sys; sys.argv = ['make-report', *sys.argv[1:]]; from reporting import entry; entry()"


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True, timeout=120, **kwargs)


def test_every_line_is_out_and_the_code_is_the_commands(inputs, tmp_path):
    done = _run("check", "--inputs", str(inputs))
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert out.startswith("Ошибок во входных данных нет.") and "Как прочитаны таблицы:" in out
    assert out.endswith("\n") and not done.stderr
    refused = _run("check", "--inputs", str(tmp_path / "none"))
    assert refused.returncode == 2 and "папка входных данных не найдена" in refused.stderr.decode()


def test_a_reader_that_closes_the_pipe_ends_the_run_quietly(inputs):
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "check", "--inputs", str(inputs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # as «| head -0» does: the first line written finds no reader
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141, stderr  # 128 + SIGPIPE
    assert "Внутренняя ошибка" not in stderr and "Traceback" not in stderr
