"""core.libraries: one import of the heavy libraries, shared by every thread."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from core.libraries import TRANSFORMERS_NAMES, TRANSFORMERS_SUBMODULES

ROOT = Path(__file__).resolve().parents[2]


def transformers_imports() -> tuple[set[str], set[str]]:
    """(names imported from `transformers`, submodules imported by full name) anywhere in core/ and gui/."""
    names, submodules = set(), set()
    for path in [*ROOT.joinpath("core").rglob("*.py"), *ROOT.joinpath("gui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module == "transformers":
                    names.update(alias.name for alias in node.names)
                elif node.module.startswith("transformers."):
                    submodules.add(node.module)
            elif isinstance(node, ast.Import):
                submodules.update(a.name for a in node.names if a.name.startswith("transformers."))
    return names, submodules


def test_every_name_the_app_takes_from_transformers_is_loaded_up_front():
    names, submodules = transformers_imports()
    assert "PreTrainedTokenizerFast" in names and "AutoConfig" in names  # the scan sees lazy imports
    assert names <= set(TRANSFORMERS_NAMES), names - set(TRANSFORMERS_NAMES)
    assert submodules <= set(TRANSFORMERS_SUBMODULES), submodules - set(TRANSFORMERS_SUBMODULES)


def test_threads_that_import_at_once_all_succeed():
    """Eight threads in a fresh interpreter take transformers names at the same moment, each after
    load_libraries(): none fails, and the libraries were imported once."""
    code = (
        "import threading, sys\n"
        "from core.libraries import load_libraries, libraries_loaded\n"
        "assert not libraries_loaded()\n"
        "errors, gate = [], threading.Barrier(8)\n"
        "def work(name):\n"
        "    gate.wait()\n"
        "    try:\n"
        "        load_libraries()\n"
        "        exec(f'from transformers import {name}')\n"
        "    except Exception as error:\n"
        "        errors.append(repr(error))\n"
        "names = ['PreTrainedTokenizerFast', 'AutoConfig', 'AutoModelForCausalLM', 'RobertaForMaskedLM',\n"
        "         'DataCollatorForLanguageModeling', 'AutoTokenizer', 'GPT2Model', 'StoppingCriteria']\n"
        "threads = [threading.Thread(target=work, args=(n,)) for n in names]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(errors, libraries_loaded(), 'torch' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["[]", "True", "True"]
