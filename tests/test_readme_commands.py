"""Issue 34, point 9: every make-report command the README shows runs on the sample as written.

The commands are taken from the README itself (code spans and code blocks, the Russian quick start
too), and each runs in a folder laid out as the README's reader has it after the quick start's
`make report`: the sample in ``inputs/``, its Q2 package in ``outputs/``.  A synopsis line (``[--inputs DIR]``) or a command with a
placeholder (``SCHEDULER``) cannot run as written: its command is asked for ``--help`` instead.
What «…» stands for (the bot's token) is given; the MAX server is a stub on 127.0.0.1."""

from __future__ import annotations

import re
import shlex
import shutil

from click.testing import CliRunner

from reporting.cli import main

from . import signing_kit as kit
from .conftest import ROOT
from .max_stub import TOKEN, Stub

EXPECTED_EXIT = {"make-report --no-names check": 2}  # the README shows it as the refused form
PLACEHOLDER = re.compile(r"\[|\]|\b(?:DIR|FILE|PACKAGE|SIGNATURE|ID|N|SEC|SCHEDULER|CA|CERT|KEY|ДАТА|ПАПКА)\b|\\$")


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[tuple[int, str]] = []
    for match in re.finditer(r"```[a-z]*\n(.*?)```", text, re.S):
        found += [(match.start(), line.strip()) for line in match.group(1).splitlines() if "make-report " in line]
    prose = re.sub(r"```[a-z]*\n.*?```", lambda m: " " * len(m.group(0)), text, flags=re.S)
    found += [(m.start(), " ".join(m.group(1).split())) for m in re.finditer(r"`([^`]*make-report [^`]*)`", prose)]
    commands = []
    for _, line in sorted(found):
        line = line.split("  #")[0].strip()
        line = re.sub(r"^(MAX_BOT_TOKEN=\S+\s+)?(\.venv/bin/)?", "", line)
        if line.startswith("make-report ") and "pip" not in line and "make-report[" not in line:
            commands.append(line)
    return commands


def test_the_readme_shows_the_commands_this_test_runs():
    commands = readme_commands()
    assert "make-report --quarter 2" in commands and "make-report check" in commands
    assert any(c.startswith("make-report sign outputs/") for c in commands)
    assert any(c.startswith("make-report collect --chat") for c in commands)


def test_every_readme_command_runs_on_the_sample_as_written(tmp_path, monkeypatch):
    import reporting.collect.max_api as max_api

    ready = tmp_path / "ready"
    shutil.copytree(ROOT / "inputs", ready / "inputs")
    shutil.copytree(ROOT / "inputs", ready / "Мои данные")
    monkeypatch.chdir(ready)
    assert CliRunner().invoke(main, ["--quarter", "2"]).exit_code == 0  # `make report`, the quick start's step 2
    monkeypatch.setenv("MAX_BOT_TOKEN", TOKEN)  # what «MAX_BOT_TOKEN=…» stands for
    key = kit.new_key()
    certificate = kit.certificate(key)
    ran, asked_help = [], []
    with Stub() as stub:
        stub.behaviour = lambda s, handler, query: s.send(
            handler,
            200,
            {"members": [], "marker": None}
            if "/members" in handler.path
            else {"updates": [], "marker": 0}
            if handler.path.startswith("/updates")
            else {"messages": []},
        )
        monkeypatch.setattr(max_api, "API", stub.url)
        for number, command in enumerate(readme_commands()):
            words = command.split()[1:] if PLACEHOLDER.search(command) else shlex.split(command)[1:]
            if PLACEHOLDER.search(command) or words in (["sign"], ["verify"]):
                name = next((w for w in words if w[:1].isalpha()), "build")
                result = CliRunner().invoke(main, [name if name in main.commands else "build", "--help"])
                assert result.exit_code == 0, (command, result.output)
                asked_help.append(command)
                continue
            folder = tmp_path / str(number)  # each command on its own copy: none depends on another's run
            shutil.copytree(ready, folder, symlinks=True)
            monkeypatch.chdir(folder)
            if words[:1] == ["sign"] and words[1:2] != ["--check"]:
                # the README's route: the package is built with its date and number, then signed
                registering = next(c for c in readme_commands()[:number][::-1] if "--date" in c and "--number" in c)
                assert CliRunner().invoke(main, shlex.split(registering)[1:]).exit_code == 0, registering
            if words[:1] == ["sign"]:
                _signatures(folder, words, key, certificate)
            if words[:1] == ["serve"]:  # the page: started and asked once in process (test_web_browser serves it)
                words = [*words, "--get", "/"]
            if words[:2] == ["collect", "--discover"]:  # the wait for the bot's events: a second, not a minute
                words = [*words, "--seconds", "1"]
            result = CliRunner().invoke(main, words)
            assert result.exit_code == EXPECTED_EXIT.get(command, 0), (command, result.output)
            assert "Внутренняя ошибка" not in result.output
            ran.append(command)
    assert len(ran) >= 15, ran
    assert any("--quarter 1" in c or "--quarter 3" in c for c in ran)  # the quick start's «another quarter»


def _signatures(folder, words, key, certificate) -> None:
    """The director's signatures the README's sign commands name, made as КриптоАРМ would."""
    if words[1] == "--check":
        document, signature = folder / words[2], folder / words[3]
        if not document.exists():
            shutil.copy(folder / "outputs" / "2023-2024" / "Q2" / "report.pdf", document)
        signature.write_bytes(kit.signature(document.read_bytes(), key, certificate))
        return
    package = folder / words[1]
    for name in words[2:]:
        signed = package / name.removesuffix(".sig")
        (folder / name).write_bytes(kit.signature(signed.read_bytes(), key, certificate))
