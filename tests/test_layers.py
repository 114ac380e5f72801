"""The package layers: every import points down the pipeline, and no file imports itself
back through others. `evaluation/` only measures: no MLflow, no data loading."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "stance"

# Bottom to top; a unit (package or top-level module) imports only from lower layers.
LAYERS = [
    {"errors", "paths", "secrets", "processes"},
    {"config", "distributed"},
    {"data", "evaluation"},
    {"extract", "models"},
    {"tracking"},
    {"predict", "registry"},
    {"explain"},  # explains a logged model's predictions: reads and predicts as `predict` does
    {"training"},
    {"evaluate", "compare", "server"},
    # curation builds the dataset with the models: mining and active learning score
    # the pool with logged models, simulate retrains them
    {"curation"},
    {"cli"},
]
RANK = {unit: rank for rank, layer in enumerate(LAYERS) for unit in layer}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(path): imports(path) for path in sorted(SRC.rglob("*.py"))}


def unit(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_every_unit_has_a_layer():
    assert {unit(m) for m in MODULES} - {""} == set(RANK)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    upward = sorted(
        name
        for name in MODULES[module]
        if name in MODULES and unit(name) and unit(name) != unit(module)
        and RANK[unit(name)] >= RANK[unit(module)]
    )  # fmt: skip
    assert not upward, f"{module} imports {upward} from its own layer or above"


def test_evaluation_imports_neither_mlflow_nor_data():
    for module, names in MODULES.items():
        if unit(module) == "evaluation":
            bad = {n for n in names if n.split(".")[0] == "mlflow" or unit(n) == "data"}
            assert not bad, f"{module} imports {sorted(bad)}"


def test_no_import_cycle_between_files():
    graph = {m: {n for n in names if n in MODULES and n != m} for m, names in MODULES.items()}
    # A package's __init__ is imported with each of its modules: not a cycle by itself.
    graph = {m: {n for n in deps if not m.startswith(f"{n}.")} for m, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                cycle = [*path[path.index(dep) :], dep]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep, [*path, dep])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
