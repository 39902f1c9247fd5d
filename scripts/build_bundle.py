"""Build the LM Anatomy installer bundle from a clean checkout, then smoke-test it.

    python scripts/build_bundle.py [--torch-index URL] [--reuse-env] [--skip-build]

1. Creates its own build environment in build/bundle-venv (CPU torch and the versions pinned in
   scripts/bundle/constraints.txt, plus PyInstaller and the current pyinstaller-hooks-contrib).
2. Compiles the translations (.ts -> .qm with pyside6-lrelease), then runs PyInstaller on
   scripts/bundle/lm_anatomy.spec (onedir) into build/dist/lm-anatomy.
3. Runs the built executable with --smoke-test under QT_QPA_PLATFORM=offscreen: it opens the
   window, visits every tab, loads the built-in model, computes one next-token distribution
   and one attention map, and must exit 0.
4. Measures the time to first window (--startup-report), the size on disk, and the size of a
   compressed archive (tar.gz, or zip on Windows), and writes build/bundle-report.json.

On Linux the default torch from PyPI is a CUDA build of several GB; pass the PyTorch CPU wheel
index with --torch-index to get the CPU build (the release workflow does).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
ENV_DIR = BUILD / "bundle-venv"
DIST = BUILD / "dist"
SPEC = ROOT / "scripts" / "bundle" / "lm_anatomy.spec"
CONSTRAINTS = ROOT / "scripts" / "bundle" / "constraints.txt"


def env_python() -> Path:
    return ENV_DIR / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("[build] $ " + " ".join(str(part) for part in command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def prepare_environment(torch_index: str | None, reuse: bool) -> Path:
    if ENV_DIR.exists() and not reuse:
        shutil.rmtree(ENV_DIR)
    if not env_python().exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(ENV_DIR)
    python = env_python()
    install = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-c", str(CONSTRAINTS)]
    if torch_index:
        install += ["--extra-index-url", torch_index]
    run(install + [str(ROOT), "pyinstaller", "pyinstaller-hooks-contrib"])
    return python


def build(python: Path) -> Path:
    # The .qm catalogues the bundle ships, compiled from the .ts sources by pyside6-lrelease.
    run([str(python), str(ROOT / "scripts" / "update_translations.py"), "--compile"], cwd=ROOT)
    run([str(python), "-m", "PyInstaller", "--noconfirm", "--clean",
         "--distpath", str(DIST), "--workpath", str(BUILD / "work"), str(SPEC)], cwd=ROOT)
    if sys.platform == "darwin":
        return DIST / "LM Anatomy.app" / "Contents" / "MacOS" / "lm-anatomy"
    return DIST / "lm-anatomy" / ("lm-anatomy.exe" if os.name == "nt" else "lm-anatomy")


def app_env(home: Path) -> dict[str, str]:
    """A clean user environment: offscreen Qt, an empty home, no network use."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "USERPROFILE": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"), "HF_HUB_OFFLINE": "1"}


def smoke_test(executable: Path) -> str:
    with tempfile.TemporaryDirectory() as home:
        result = subprocess.run([str(executable), "--smoke-test"], capture_output=True, text=True,
                                env=app_env(Path(home)), timeout=600)
    print(result.stdout, result.stderr, sep="\n")
    if result.returncode != 0:
        raise SystemExit(f"smoke test failed with exit code {result.returncode}")
    return result.stdout.strip().splitlines()[-1]


def first_window_seconds(executable: Path, repeats: int = 3) -> dict[str, float]:
    walls, paints = [], []
    with tempfile.TemporaryDirectory() as home:
        for _ in range(repeats):
            start = time.perf_counter()
            result = subprocess.run([str(executable), "--startup-report"], capture_output=True, text=True,
                                    env=app_env(Path(home)), timeout=300, check=True)
            walls.append(time.perf_counter() - start)
            paints.append(json.loads(result.stdout.strip().splitlines()[-1])["first_paint_s"])
    return {"process_to_exit_after_first_paint_s": round(statistics.median(walls), 3),
            "first_paint_in_process_s": round(statistics.median(paints), 3)}


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def archive(folder: Path) -> Path:
    if os.name == "nt":
        return Path(shutil.make_archive(str(DIST / "lm-anatomy-windows"), "zip", folder.parent, folder.name))
    target = DIST / f"lm-anatomy-{sys.platform}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--torch-index", help="extra package index for CPU torch wheels")
    parser.add_argument("--reuse-env", action="store_true", help="keep an existing build environment")
    parser.add_argument("--skip-build", action="store_true", help="only smoke-test and measure an existing build")
    args = parser.parse_args()
    python = env_python() if args.skip_build else prepare_environment(args.torch_index, args.reuse_env)
    started = time.perf_counter()
    executable = build(python) if not args.skip_build else (DIST / "lm-anatomy" / "lm-anatomy")
    build_seconds = time.perf_counter() - started
    smoke = smoke_test(executable)
    folder = DIST / "lm-anatomy" if sys.platform != "darwin" else DIST / "LM Anatomy.app"
    packed = archive(folder)
    report = {
        "platform": sys.platform,
        "build_seconds": round(build_seconds, 1),
        "smoke_test": smoke,
        "size_on_disk_mb": round(folder_size(folder) / 1e6, 1),
        "archive": packed.name,
        "archive_mb": round(packed.stat().st_size / 1e6, 1),
        **first_window_seconds(executable),
    }
    (BUILD / "bundle-report.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
