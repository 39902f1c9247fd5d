"""Time to the window's first paint, against importing torch and transformers in the same run.

    python bench/bench_startup.py [--repeats 5]

Each figure is the median of several fresh processes, alternating between the two commands
so that background load on a shared machine hits both alike. `first_paint_s` is measured
inside the app from interpreter start-up of `gui.app` to the first paint event; `wall_s` is
the whole process (start-up, paint, exit).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, check=True)
    return time.perf_counter() - start, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    imports, app_wall, first_paint = [], [], []
    for _ in range(args.repeats):
        seconds, _out = timed([sys.executable, "-c", "import torch, transformers"], env)
        imports.append(seconds)
        seconds, out = timed([sys.executable, "-m", "gui", "--startup-report"], env)
        app_wall.append(seconds)
        report = json.loads(out.strip().splitlines()[-1])
        assert not report["torch_imported"], "torch was imported before the first paint"
        first_paint.append(report["first_paint_s"])
    result = {
        "repeats": args.repeats,
        "import_torch_transformers_s": round(statistics.median(imports), 3),
        "app_first_paint_in_process_s": round(statistics.median(first_paint), 3),
        "app_process_wall_s": round(statistics.median(app_wall), 3),
    }
    result["first_paint_vs_import_ratio"] = round(
        result["app_first_paint_in_process_s"] / result["import_torch_transformers_s"], 3
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
