"""The pipeline's shape, checked: render lays out and never reads; the library never prints or exits."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reporting"


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the reporting modules a file imports (relative imports resolved)."""
    parts = ["reporting", *path.relative_to(PACKAGE).with_suffix("").parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "render").glob("*.py")), ids=lambda p: p.name)
def test_render_imports_nothing_from_read_or_validate(path):
    reading = {m for m in imported_modules(path) if m.startswith(("reporting.read", "reporting.validate"))}
    assert not reading, f"{path.name} imports {sorted(reading)}"


def test_relative_imports_are_resolved_so_the_check_can_fail():
    assert "reporting.read.cells" in imported_modules(PACKAGE / "validate" / "letter.py")


# The faces (reporting/cli/ and reporting/web/) are the one place that prints, exits or speaks HTTP.
FACES = ("cli", "web")
LIBRARY = [
    p
    for p in sorted(PACKAGE.rglob("*.py"))
    if p.relative_to(PACKAGE).parts[0] not in FACES and not (p.parent == PACKAGE and p.name == "__init__.py")
]


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_below_the_faces_imports_them(path):
    faces = {m for m in imported_modules(path) if m.split(".")[:2] in (["reporting", f] for f in FACES)}
    assert not faces, f"{path.relative_to(PACKAGE)} imports {sorted(faces)}"


def test_the_face_check_can_fail(tmp_path):
    below = PACKAGE / "compute" / "_probe_face.py"
    below.write_text("from ..web import create_app\n", encoding="utf-8")
    try:
        assert "reporting.web.create_app" in imported_modules(below)
    finally:
        below.unlink()


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_library_code_never_prints_exits_or_asks(path):
    calls = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name in ("print", "input", "sys.exit", "exit", "quit", "os._exit"):
                calls.add(name)
    if path.name == "processes.py":  # ends a worker whose parent is gone (never the caller's process: below)
        calls.discard("os._exit")
    assert not calls, f"{path.relative_to(PACKAGE)} calls {sorted(calls)}"


def test_the_worker_exit_never_touches_the_callers_process():
    """processes.die_with_parent is a no-op outside a worker: the one os._exit of the library is a
    worker's, once its parent is gone."""
    import threading

    from reporting.processes import die_with_parent

    before = threading.active_count()
    die_with_parent()  # in the test process: no parent process of ours
    assert threading.active_count() == before


def _module_graph() -> dict[str, set[str]]:
    """Module → the reporting modules it imports (at the top or inside a function alike)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["reporting", *path.relative_to(PACKAGE).with_suffix("").parts]
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in modules.items():
        # «from .x import name» names a module only when x.name is one; else the module is x
        graph[name] = {m for m in imported_modules(path) if m in modules and m != name and m != "reporting"}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_no_import_cycles():
    cycle = _cycle(_module_graph())
    assert not cycle, " → ".join(cycle)


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []
