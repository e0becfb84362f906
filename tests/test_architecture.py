"""The package's shape, checked: the data layer is pure, imports form no cycle,
modules stay small, and nothing forks processes by hand."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "_ext" / "pugguide"
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that *name* imports, inside functions too, leaving out
    imports for type checkers only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        # Importing a module runs its packages' __init__ first (``pugguide.cli.stale``
        # runs ``pugguide.cli``), so they count as imported too; a module importing its
        # own package (``from pugguide import __version__``) is not a cycle.
        packages = {t.rsplit(".", i)[0] for t in targets for i in range(1, t.count("."))}
        found = {*targets, *packages}
        out |= {t for t in found if t in known and t != name and not name.startswith(t + ".")}
    return out


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, set(modules)) for name, path in modules.items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_data_package_imports_without_sphinx() -> None:
    import pugguide.groups

    names = [m.name for m in pkgutil.walk_packages(pugguide.groups.__path__, "pugguide.groups.")]
    assert len(names) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(PACKAGE.parent)},
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(_modules()))
def test_modules_stay_small(name: str) -> None:
    lines = _modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concern"


def test_nothing_forks_by_hand() -> None:
    """Worker pools start fresh processes; a fork would copy a running build."""
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        assert "os.fork(" not in text and 'get_context("fork")' not in text, name


def test_every_warning_subtype_is_one_of_the_documented_kinds() -> None:
    """Users silence a kind with ``pugguide.<subtype>``: each one the code passes must be
    a member of :class:`pugguide.warnings_.Subtype`, where they are described."""
    from pugguide.warnings_ import Subtype

    used = {
        (name, keyword.value.value)
        for name, path in _modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "subtype" and isinstance(keyword.value, ast.Constant)
    }
    assert len(used) > 5
    assert {(name, kind) for name, kind in used if kind not in set(Subtype)} == set()
