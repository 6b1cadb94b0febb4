"""Does the code keep the shape of the house: no import cycles, and a domain that never
imports the dashboard, the controllers, the command line or ipywidgets?"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "physioreflect"
DOMAIN = ("model", "content", "storage", "privacy", "render", "export", "cohort", "charts")
EDGE = ("widgets", "app", "cli", "ipywidgets", "anywidget", "voila", "IPython")


def _module_of(path: Path) -> str:
    parts = ("physioreflect", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_of(path): path for path in PACKAGE.rglob("*.py")}


def _imported(path: Path, module: str, known: set[str] | None = None) -> set[str]:
    """Every module named by an import anywhere in the file: at the top, inside functions
    and under ``TYPE_CHECKING`` alike. ``from package import submodule`` names the
    submodule (when ``known`` lists it), not the package."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                names.add(full if known is not None and full in known else base)
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for imported in _imported(path, module, set(modules)):
            name = imported
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_anywhere() -> None:
    """Is there a cycle of imports, counting local and TYPE_CHECKING imports too?"""
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """Would a cycle be found at all (so the test above can fail)?"""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("floor", DOMAIN)
def test_the_domain_imports_no_dashboard(floor: str) -> None:
    """Does a domain package import widgets, controllers, the CLI or a Jupyter library?"""
    modules = _modules()
    offending = []
    for module, path in modules.items():
        if module != f"physioreflect.{floor}" and not module.startswith(f"physioreflect.{floor}."):
            continue
        for name in _imported(path, module):
            head = name.removeprefix("physioreflect.").split(".")[0]
            top = name.split(".")[0]
            if (name.startswith("physioreflect.") and head in EDGE) or top in EDGE:
                offending.append(f"{module} imports {name}")
    assert offending == []


def test_views_do_not_import_the_shell() -> None:
    """Do the step views depend only on the view context, never on the shell module?"""
    graph = _graph()
    views = [m for m in graph if m.startswith("physioreflect.widgets.sections")]
    assert views
    assert all("physioreflect.widgets.app" not in graph[m] for m in views)
