"""Start and Stop pressed over and over: no thread left behind, no empty run folder, memory stable."""

from __future__ import annotations

import os
import sys

import pytest

from gui.common.workers import running_threads
from tests.gui.training.test_tab import TIMEOUT, tab  # noqa: F401 (the fixture)

CYCLES = 50


def resident_bytes() -> int | None:
    """This process's resident memory, where the system tells it (Linux)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def test_fifty_start_stop_cycles_leave_nothing_behind(qtbot, tab):
    controls = tab.controls
    sizes = []
    for cycle in range(CYCLES):
        qtbot.waitUntil(controls.start_button.isEnabled, timeout=TIMEOUT)
        with qtbot.waitSignal(tab.run_finished, timeout=TIMEOUT) as blocker:
            controls.start_button.click()
            if cycle % 2:  # half of them as soon as the run starts, half while it prepares
                qtbot.waitUntil(lambda: controls.state == "running", timeout=TIMEOUT)
            controls.stop_button.click()
        assert blocker.args[0]["status"] in ("stopped", "completed")
        qtbot.waitUntil(lambda: not tab.is_running() and not running_threads(), timeout=TIMEOUT)
        if cycle in (9, CYCLES - 1):
            sizes.append(resident_bytes())
    assert not tab.is_running() and running_threads() == []
    leftovers = [path for path in tab.runs_root.iterdir() if path.is_dir() and not any(path.iterdir())] \
        if tab.runs_root.exists() else []
    assert leftovers == []  # no run folder without a checkpoint
    if None not in sizes and sys.platform.startswith("linux"):
        assert sizes[1] - sizes[0] < 80 * 2**20, f"grew {(sizes[1] - sizes[0]) / 2**20:.0f} MiB in 40 cycles"
    else:
        pytest.skip("no memory reading on this system")
