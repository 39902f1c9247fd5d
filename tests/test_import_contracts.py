"""The layout's rules hold: `lint-imports` checks the contracts in pyproject.toml (core/ without Qt,
tabs independent, app > shell > tabs > common, core/ in data-flow order, no import cycles)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent


def lint_imports() -> str:
    """The lint-imports command installed next to this interpreter (the test extra provides it)."""
    name = "lint-imports.exe" if os.name == "nt" else "lint-imports"
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which("lint-imports") or name)


def run_lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run([lint_imports(), "--no-cache", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


def test_the_contracts_cover_the_layout_rules():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {contract["type"]: contract for contract in config["contracts"]}
    assert set(config["root_packages"]) == {"core", "gui"}
    assert contracts["forbidden"]["source_modules"] == ["core"]
    assert {"gui", "PySide6"} <= set(contracts["forbidden"]["forbidden_modules"])
    assert set(contracts["independence"]["modules"]) == {
        "gui.tokenization", "gui.attention", "gui.training", "gui.next_token"}
    assert set(contracts["acyclic_siblings"]["ancestors"]) == {"core", "gui"}
    tab_packages = {path.parent.name for path in (ROOT / "gui").glob("*/tab.py")}
    assert tab_packages == {"tokenization", "attention", "training", "next_token"}  # every tab is in the contract


def test_lint_imports_keeps_every_contract():
    result = run_lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout and result.stdout.count("KEPT") >= 5


def test_a_broken_rule_fails_the_check(tmp_path):
    """The same kind of contracts on a tiny package where common imports a tab and two modules import
    each other: lint-imports must fail, naming both (a check that cannot fail would be worthless)."""
    package = tmp_path / "app"
    for folder in ("common", "tab_a", "tab_b"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "common" / "session.py").write_text("from app.tab_a import view\n")
    (package / "tab_a" / "view.py").write_text("from app.tab_a import jobs\n")
    (package / "tab_a" / "jobs.py").write_text("import typing\nif typing.TYPE_CHECKING:\n    from app.tab_a import view\n")
    (package / "tab_b" / "view.py").write_text("")
    (tmp_path / ".importlinter").write_text(textwrap.dedent("""\
        [importlinter]
        root_package = app

        [importlinter:contract:layers]
        name = tabs over common
        type = layers
        containers = app
        layers =
            tab_a | tab_b
            common

        [importlinter:contract:cycles]
        name = no cycles
        type = acyclic_siblings
        ancestors = app
        """))
    result = run_lint_imports(tmp_path)
    assert result.returncode != 0
    assert "app.common is not allowed to import app.tab_a" in result.stdout
    assert "No cycles are allowed in app.tab_a" in result.stdout
