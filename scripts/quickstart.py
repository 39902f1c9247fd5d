"""One-command set-up for LM Anatomy: `run` launches the app, `test` runs the test suite.

Each command creates a virtual environment in `.venv/` next to this repository (once),
installs the project into it (again only when `pyproject.toml` or the constraints changed),
and then runs the app or pytest from it. Only Python >= 3.10 and pip are needed.

    python3 scripts/quickstart.py run  [app arguments...]
    python3 scripts/quickstart.py test [pytest arguments...]

`test` pins torch to the CPU wheel listed in `.ci/constraints.txt`; `run` keeps the loose
range from `pyproject.toml`, so a GPU machine gets the torch build that fits it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
CONSTRAINTS = REPO / ".ci" / "constraints.txt"
PYTEST_NO_TESTS = 5


def venv_python() -> Path:
    """Path of the interpreter inside `.venv` (POSIX or Windows layout)."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv() -> Path:
    """Create `.venv` with pip if it does not exist yet; return its interpreter."""
    python = venv_python()
    if not python.exists():
        print(f"[quickstart] creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    return python


def install_fingerprint(extra: str, constrained: bool) -> str:
    """Hash of everything that decides what gets installed."""
    digest = hashlib.sha256()
    digest.update((REPO / "pyproject.toml").read_bytes())
    digest.update(extra.encode())
    if constrained:
        digest.update(CONSTRAINTS.read_bytes())
    return digest.hexdigest()


def ensure_installed(python: Path, extra: str, constrained: bool) -> None:
    """pip-install the project (editable) unless the same install was already done."""
    stamp = VENV / f".lm-anatomy-installed-{extra or 'app'}"
    fingerprint = install_fingerprint(extra, constrained)
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    target = f".[{extra}]" if extra else "."
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-e", target]
    if constrained:
        command += ["-c", str(CONSTRAINTS)]
    print(f"[quickstart] installing: {' '.join(command[3:])}", flush=True)
    subprocess.run(command, cwd=REPO, check=True)
    stamp.write_text(fingerprint)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    mode, rest = argv[0], argv[1:]
    python = ensure_venv()
    if mode == "run":
        ensure_installed(python, extra="", constrained=False)
        return subprocess.call([str(python), "-m", "gui", *rest], cwd=REPO)
    ensure_installed(python, extra="test", constrained=True)
    code = subprocess.call([str(python), "-m", "pytest", *rest], cwd=REPO)
    if code == PYTEST_NO_TESTS:
        print("[quickstart] pytest collected no tests: treating this as a failure.", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
