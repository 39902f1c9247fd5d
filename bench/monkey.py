"""The GUI monkey over several seeds, for minutes: run before a release.

    .venv/bin/python bench/monkey.py                 # seeds 1..5, 120 s each
    .venv/bin/python bench/monkey.py --seeds 1 2 3 --seconds 300

Each seed runs `tests/gui/test_monkey.py` in its own pytest process (a fresh window, built-in corpus
and model), so a crash in one seed does not hide the others. Prints one line per seed and exits 1 if
any seed found a problem (the failing seed's report follows its line).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    failed = 0
    for seed in args.seeds:
        env = {**os.environ, "LM_ANATOMY_MONKEY_SEED": str(seed), "LM_ANATOMY_MONKEY_SECONDS": str(args.seconds)}
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                 "tests/gui/test_monkey.py", "-o", f"timeout={int(args.seconds) + 300}"],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        ok = result.returncode == 0
        failed += not ok
        print(f"seed {seed}: {'ok' if ok else 'FAILED'} in {time.perf_counter() - started:.0f} s", flush=True)
        if not ok:
            print(result.stdout[-6000:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
