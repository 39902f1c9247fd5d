"""The quick start, CI entry, entry points and installer files stay consistent."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_TOP_LEVEL = {"gui", "core", "assets", "tests", "pyproject.toml", "README.md",
                     ".ci", "bench", "scripts", "docs", ".github", ".gitignore", ".git"}


def readme_quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```\n(.*?)```", section, flags=re.S)]


def test_readme_has_exactly_two_quick_start_commands():
    commands = readme_quick_start_commands()
    assert commands == ["python3 scripts/quickstart.py run", "python3 scripts/quickstart.py test"]


def test_ci_runs_the_readme_test_command_verbatim_and_nothing_else():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")
                and not line.startswith(("set ", "cd ")) and not line.startswith("#!")]
    assert commands == [readme_quick_start_commands()[1]]


def test_pytest_no_tests_exit_code_is_not_swallowed():
    quickstart = (ROOT / "scripts" / "quickstart.py").read_text()
    assert "return code" in quickstart and "|| true" not in (ROOT / ".ci" / "run").read_text()


def test_pyproject_entry_points_and_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "lm-anatomy" and project["requires-python"] == ">=3.10"
    assert project["gui-scripts"]["lm-anatomy"] == "gui.app:main"
    names = {re.split(r"[<>=!~ ]", dep)[0].lower() for dep in project["dependencies"]}
    assert {"pyside6-essentials", "torch", "transformers", "tokenizers", "safetensors",
            "matplotlib", "numpy"} <= names
    test_extra = {re.split(r"[<>=!~ ]", dep)[0] for dep in project["optional-dependencies"]["test"]}
    assert {"pytest", "pytest-qt", "hypothesis", "pytest-timeout"} <= test_extra
    torch_spec = next(dep for dep in project["dependencies"] if dep.startswith("torch"))
    assert "==" not in torch_spec  # users keep a loose range; CI pins through constraints
    assert "torch==2.13.0" in (ROOT / ".ci" / "constraints.txt").read_text()


def test_top_level_layout():
    import subprocess

    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout:
        entries = {line.split("/", 1)[0] for line in listed.stdout.splitlines()}
    else:  # not a git checkout: look at the folder, minus local caches
        entries = {p.name for p in ROOT.iterdir() if not p.name.startswith((".venv", ".pytest", ".hyp", ".ruff"))}
        entries -= {"build"}
    assert entries <= ALLOWED_TOP_LEVEL, entries - ALLOWED_TOP_LEVEL


def test_release_workflow_is_valid_and_covers_three_systems():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    bundle = workflow["jobs"]["bundle"]
    systems = [entry["os"] for entry in bundle["strategy"]["matrix"]["include"]]
    assert any(s.startswith("ubuntu") for s in systems)
    assert any(s.startswith("windows") for s in systems)
    assert any(s.startswith("macos") for s in systems)
    assert all("name" in step for step in bundle["steps"])  # every step is explained
    runs = " ".join(step.get("run", "") for step in bundle["steps"])
    assert "scripts/build_bundle.py" in runs and "iscc" in runs and "hdiutil" in runs


def test_spec_bundles_assets_without_collecting_torch_by_hand():
    spec = (ROOT / "scripts" / "bundle" / "lm_anatomy.spec").read_text()
    assert 'collect_data_files("torch")' not in spec and "collect_data_files('torch')" not in spec
    assert '"assets"' in spec and "COLLECT(" in spec
    assert "transformers==" in (ROOT / "scripts" / "bundle" / "constraints.txt").read_text()
    assert "freeze_support()" in (ROOT / "gui" / "__main__.py").read_text()
    for name in ("lm-anatomy.svg", "lm-anatomy.ico", "lm-anatomy.icns", "lm-anatomy-256.png"):
        assert (ROOT / "assets" / "icon" / name).is_file()


def test_the_install_finds_every_package_and_ships_every_asset():
    """pyproject.toml finds core/ and gui/ with all their subpackages, and its data-files cover every file
    under assets/ (a new subpackage or asset folder must not be left out of an install silently)."""
    from fnmatch import fnmatch

    from setuptools import find_namespace_packages

    setuptools_config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    find = setuptools_config["packages"]["find"]
    found = set(find_namespace_packages(where=str(ROOT / find["where"][0]), include=find["include"]))
    on_disk = {".".join(path.parent.relative_to(ROOT).parts) for top in ("core", "gui")
               for path in (ROOT / top).rglob("__init__.py")}
    assert {"core.tokenization", "gui.next_token", "gui.shell"} <= on_disk
    assert on_disk <= found, on_disk - found
    shipped_patterns = [pattern for patterns in setuptools_config["data-files"].values() for pattern in patterns]
    assets = [path.relative_to(ROOT).as_posix() for path in (ROOT / "assets").rglob("*") if path.is_file()]
    def shipped(name: str, pattern: str) -> bool:  # setuptools globs one folder deep, as here
        folder, _, leaf = name.rpartition("/")
        pattern_folder, _, pattern_leaf = pattern.rpartition("/")
        return folder == pattern_folder and fnmatch(leaf, pattern_leaf)

    missing = [name for name in assets if not any(shipped(name, pattern) for pattern in shipped_patterns)]
    assert len(assets) > 20 and missing == []
    for target, patterns in setuptools_config["data-files"].items():
        assert target.startswith("share/lm-anatomy/assets/")
        assert all(pattern.rsplit("/", 1)[0] == "assets/" + target.removeprefix("share/lm-anatomy/assets/")
                   for pattern in patterns)  # each folder lands in the folder of the same name
