"""The history package's layers, as its docstring draws them: imports only go down, no cycles.

The table in app/history/__init__.py is the contract; this test reads it, so the docstring a
newcomer reads cannot drift from the code. Every import statement counts, also those inside
functions and under TYPE_CHECKING, and importing the package itself from inside it (the old
`from app.history import queries`, which made a cycle through __init__) is refused.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import app.history

PACKAGE = Path(app.history.__file__).parent
ROW = re.compile(r"^\s+(\d+)\.\s+([a-z_]+(?:, [a-z_]+)*)\s{2,}\S", re.MULTILINE)


def declared_layers() -> dict[str, int]:
    layers: dict[str, int] = {}
    for number, names in ROW.findall(app.history.__doc__ or ""):
        for name in names.split(", "):
            assert name not in layers, f"{name} is in two layers"
            layers[name] = int(number)
    return layers


def imports_within_package(path: Path) -> set[str]:
    """The package's modules `path` imports; "" stands for the package itself."""
    found: set[str] = set()
    prefix = "app.history"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                module = f"{prefix}.{module}".rstrip(".")
            targets = [module]
        else:
            continue
        for target in targets:
            if target == prefix:
                found.add("")
            elif target.startswith(prefix + "."):
                found.add(target[len(prefix) + 1:].split(".")[0])
    return found


def test_every_module_has_a_layer() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"}
    assert set(declared_layers()) == modules


def test_imports_only_go_down_and_never_through_the_package() -> None:
    layers = declared_layers()
    wrong = []
    for name, layer in sorted(layers.items()):
        for target in sorted(imports_within_package(PACKAGE / f"{name}.py")):
            if target == "":
                wrong.append(f"{name} imports app.history itself (import the module instead)")
            elif layers[target] >= layer:
                wrong.append(f"{name} (layer {layer}) imports {target} (layer {layers[target]})")
    assert wrong == []
