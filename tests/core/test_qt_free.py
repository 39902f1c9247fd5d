"""core/ must stay usable from a notebook: no Qt, no gui imports, no heavy imports on `import core`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
FORBIDDEN_ROOTS = {"PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6", "gui", "superqt", "qtpy"}


def imported_roots(source: str) -> set[str]:
    """Top-level module names imported anywhere in `source` (including inside functions)."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def core_modules() -> list[str]:
    """Every module of core/ and its subpackages, as dotted names ("core.tokenization.bpe")."""
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_detector_sees_nested_imports():
    # Guard against a checker that cannot fail.
    assert imported_roots("def f():\n    from PySide6.QtCore import Qt\n") == {"PySide6"}
    assert imported_roots("import gui.app as g") == {"gui"}


def test_no_core_module_imports_qt_or_gui():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 5
    offenders = {
        str(path.relative_to(CORE)): sorted(imported_roots(path.read_text(encoding="utf-8")) & FORBIDDEN_ROOTS)
        for path in files
    }
    offenders = {name: roots for name, roots in offenders.items() if roots}
    assert offenders == {}


def test_importing_every_core_module_loads_no_qt():
    modules = core_modules()
    assert {"core.tokenization.bpe", "core.model.loading", "core.training.loop", "core.attention.maps",
            "core.next_token.sampling"} <= set(modules)  # the subpackages are walked too
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'gui', 'shiboken6'})\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=CORE.parent, timeout=240)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_importing_core_package_is_light():
    code = "import sys, core, core.corpus, core.devices, core.model.loading, core.assets, core.tokenization, " \
           "core.model, core.training, core.attention, core.next_token; " \
           "print('torch' in sys.modules, 'transformers' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=CORE.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
