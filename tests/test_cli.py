"""The command line: each command owns its options, every option has help, the README's table matches."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from reporting.cli import main

from .conftest import ROOT

COMMANDS = sorted(main.commands)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_commands():
    assert COMMANDS == ["build", "check", "collect", "describe", "init", "keys", "serve", "sign", "verify", "week"]


COMMAND_PATHS = [(n,) for n in COMMANDS if not isinstance(main.commands[n], click.Group)] + [
    (n, sub) for n in COMMANDS if isinstance(main.commands[n], click.Group) for sub in sorted(main.commands[n].commands)
]


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
def test_every_command_and_option_has_russian_help(path):
    command = main.commands[path[0]]
    if len(path) > 1:  # a group's commands (keys add, keys list …), each with the common options
        assert command.help and re.search("[а-я]", command.help)
        command = command.commands[path[1]]
    name = " ".join(path)
    assert command.help and re.search("[а-я]", command.help)
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help and re.search("[а-яё]", param.help), (name, param.opts)
    assert {"--quiet", "--debug", "--all-problems", "--help"} <= {o for p in command.params for o in p.opts}
    result = invoke(*path, "--help")
    assert result.exit_code == 0 and "Показать эту справку и выйти." in result.output


def test_the_group_help_names_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^  {name}\s", result.output, re.M)


def test_the_readme_option_table_is_the_build_commands_options():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| option | meaning |") : text.index("Exit codes:")]
    first_cells = [row.split("|")[1] for row in table.splitlines()[2:] if row.startswith("|")]
    documented = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b", "\n".join(first_cells)))
    build = main.commands["build"]
    options = {o for p in build.params if isinstance(p, click.Option) for o in p.opts} - {"--help", "-h"}
    assert documented == options


def test_a_build_option_before_another_command_is_refused_not_ignored():
    result = invoke("--no-names", "check")
    assert result.exit_code == 2
    assert "--no-names стоят перед командой check" in result.output


def test_build_is_the_default_command(inputs, tmp_path):
    plain = invoke("--quarter", "2", "--inputs", str(inputs), "--outputs", str(tmp_path / "a"), "--data-only", "-q")
    named = invoke(
        "build", "--quarter", "2", "--inputs", str(inputs), "--outputs", str(tmp_path / "b"), "--data-only", "-q"
    )
    assert plain.exit_code == named.exit_code == 0, plain.output + named.output
    assert (tmp_path / "a" / "2023-2024" / "Q2" / "summary.json").read_bytes() == (
        tmp_path / "b" / "2023-2024" / "Q2" / "summary.json"
    ).read_bytes()
    assert "… " not in plain.output  # -q: no progress lines, only the final one
    assert invoke("--inputs", str(inputs)).exit_code == 2  # no quarter


def test_quiet_and_debug_work_on_every_command(inputs, tmp_path):
    checked = invoke("check", "--inputs", str(inputs), "-q")
    assert checked.exit_code == 0 and "Как прочитаны таблицы" not in checked.output
    assert "Как прочитаны таблицы" in invoke("check", "--inputs", str(inputs)).output
    (inputs / "school.toml").write_text("[school_year", encoding="utf-8")
    debug = invoke("check", "--inputs", str(inputs), "--debug")
    assert debug.exit_code == 2 and "Traceback" in debug.output
    missing = invoke("verify", str(tmp_path / "nowhere"), "--debug")
    assert missing.exit_code == 2 and "Traceback" in missing.output
    made = invoke("init", str(tmp_path / "new"), "--year", "2024/2025", "-q")
    assert made.exit_code == 0 and (tmp_path / "new" / "school.toml").is_file()


def test_version():
    from reporting import __version__

    assert invoke("--version").output.strip() == f"make-report {__version__}"


def test_bash_completion_completes_commands_as_the_readme_says():
    """README, «Shell completion»: click's completion, through the installed entry point."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COMP_WORDS": "make-report ch", "COMP_CWORD": "1", "_MAKE_REPORT_COMPLETE": "bash_complete"}
    done = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'make-report'; from reporting import entry; entry()"],
                          env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "plain,check" in done.stdout.split(), done.stdout + done.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_MAKE_REPORT_COMPLETE=bash_source make-report" in readme and "PowerShell (Windows) has" in readme


def test_help_never_breaks_an_option_or_an_address_at_its_hyphen():
    result = CliRunner().invoke(main, ["collect", "--help"], terminal_width=80)
    lines = result.output.splitlines()
    assert not [line for line in lines if line.rstrip().endswith("-") and not line.rstrip().endswith(" -")], lines
    assert "--token-file;" in result.output or "--token-file " in result.output
    assert "https://platform-api2.max.ru" in result.output


def test_the_main_help_names_every_command():
    result = CliRunner().invoke(main, ["--help"])
    prose = " ".join(result.output.split("Параметры:")[0].split())  # as read, whatever the wrapping
    for name in ("serve", "check", "describe", "week", "collect", "sign", "verify", "init"):
        assert f"{name} — " in prose, name


def test_sign_waits_with_the_same_option_as_build():
    for command in ("build", "sign"):
        help_text = CliRunner().invoke(main, [command, "--help"]).output
        assert "--wait СЕК" in help_text and "--lock-wait" not in help_text, command
