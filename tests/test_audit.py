"""What a build touches, seen from inside Python (``sys.addaudithook``): it opens nothing outside
its inputs, its outputs, the installed tool and Python, and its own temporary folder; it writes
only into its outputs and that folder; it starts no program (no ldconfig, no compiler). The
audit hook is inherited by the forked helper, whose opens are not reported back: the helper runs
the same renderers on the same files as this process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap

from .conftest import ROOT

AUDITED_BUILD = textwrap.dedent(
    """
    import json, sys
    events, collecting = [], [True]
    PROCESSES = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                 "os.forkpty", "pty.spawn")

    def hook(event, args):
        if not collecting:
            return
        if event == "open" and isinstance(args[0], (str, bytes)):
            mode = args[1] if isinstance(args[1], str) else ""
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            import os
            writes = any(c in mode for c in "wax+") or bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
            events.append(["open", str(args[0] if isinstance(args[0], str) else args[0].decode()), writes])
        elif event in PROCESSES:
            events.append([event, repr(args)[:200], True])

    sys.addaudithook(hook)
    log = sys.argv[1]
    sys.argv = ["make-report", *sys.argv[2:]]
    from reporting.cli import run_command
    try:
        run_command()
    except SystemExit as exc:
        code = exc.code
    collecting.clear()
    with open(log, "w", encoding="utf-8") as handle:
        json.dump({"code": code, "events": events}, handle)
    """
)


def _inside(path: str, folders) -> bool:
    real = os.path.realpath(path)
    return any(real == f or real.startswith(f + os.sep) for f in folders)


def test_a_build_opens_only_its_own_files_and_starts_no_process(tmp_path):
    inputs, outputs, log = tmp_path / "inputs", tmp_path / "outputs", tmp_path.parent / f"{tmp_path.name}.json"
    shutil.copytree(ROOT / "inputs", inputs)
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q"]
    done = subprocess.run([sys.executable, "-c", AUDITED_BUILD, str(log), *args], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    found = json.loads(log.read_text(encoding="utf-8"))
    assert found["code"] == 0
    events = found["events"]
    # No program started (no ldconfig, gcc, ld); a fork of the tool itself lays out half the documents.
    assert [e for e in events if e[0] not in ("open", "os.fork")] == []
    events = [e for e in events if e[0] == "open"]
    system_temp = os.path.realpath(tempfile.gettempdir())
    in_temp = [os.path.relpath(os.path.realpath(e[1]), system_temp) for e in events]
    scratch = sorted({p.split(os.sep)[0] for p in in_temp if p.startswith("make-report-")})
    assert len(scratch) == 1  # one temporary folder of the run's own
    own_temp = os.path.join(system_temp, scratch[0])
    assert not os.path.exists(own_temp)  # and it is gone
    written = [e[1] for e in events if e[2]]
    # tempfile's one probe of the system folder (a file it opens and deletes to choose where to go)
    probe = [p for p in written if os.path.dirname(os.path.realpath(p)) == system_temp and not p.endswith(scratch[0])]
    assert len(probe) <= 1
    outside = [p for p in written if p not in probe and not _inside(p, [str(outputs.resolve()), own_temp])]
    assert outside == []
    python = {
        os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values())
    }
    allowed = [*python, str(ROOT / "reporting"), str(ROOT / "templates"), str(inputs.resolve()),
               str(outputs.resolve()), own_temp, "/usr/share/zoneinfo", system_temp]  # fmt: skip
    read_outside = sorted({e[1] for e in events if not _inside(e[1], allowed)})
    assert read_outside == []
