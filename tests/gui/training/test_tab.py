"""The Training tab on a tiny corpus and a tiny GPT: live plot data, pause/stop, options, errors, results."""

from __future__ import annotations

import csv
import math
import time

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton

from core.corpus import Corpus
from gui.common.session import Session
from gui.common.tab_exports import FigureExport, TableExport, export_item, item_available
from gui.common.workers import running_threads
from gui.training.tab import TrainingTab
from tests.tiny_models import TINY_TEXT

TIMEOUT = 60_000
TEXT = TINY_TEXT * 4  # 2,112 characters: a val split of 211 tokens
TINY = dict(n_layer=1, n_head=2, n_embd=16, block_size=16, batch_size=4, warmup_iters=5, eval_interval=20,
            eval_iters=2, max_iters=40)


def tiny_corpus(text: str = TEXT) -> Corpus:
    return Corpus(name="tiny.txt", source="test", n_chars=len(text), n_bytes=len(text.encode()), text=text,
                  preview=text)


@pytest.fixture
def tab(qtbot, tmp_path):
    session = Session()
    widget = TrainingTab(session, runs_root=tmp_path / "runs")
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    session.set_corpus(tiny_corpus())
    qtbot.waitUntil(lambda: widget.controls.ready and widget.plot.axes is not None, timeout=TIMEOUT)
    configure(widget)
    yield widget
    widget.shutdown()


def configure(tab, **changes) -> None:
    for name, value in {**TINY, **changes}.items():
        tab.controls.set_value(name, value)
    tab.controls.overrides = {"sample_tokens": 20}


def collect(tab) -> dict[str, list]:
    """Everything the worker emits, in order."""
    seen: dict[str, list] = {"records": [], "finished": [], "started": []}
    tab.worker.records.connect(seen["records"].extend)
    tab.worker.finished.connect(seen["finished"].append)
    tab.worker.started.connect(seen["started"].append)
    return seen


def train_points(tab) -> int:
    line = tab.plot.train_line
    return 0 if line is None else len(line.get_xydata())


def xdata(tab) -> list[float]:
    return [float(x) for x in tab.plot.train_line.get_xdata()]


def run_to_end(qtbot, tab) -> dict:
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT) as blocker:
        tab.controls.start_button.click()
    return blocker.args[0]


def stop_and_join(qtbot, tab) -> float:
    """Press Stop; seconds until the training thread has ended."""
    started = time.perf_counter()
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT):
        tab.controls.stop_button.click()
    qtbot.waitUntil(lambda: not tab.worker.running and not running_threads(), timeout=TIMEOUT)
    return time.perf_counter() - started


def test_plot_shows_every_emitted_train_loss(qtbot, tab):
    seen = collect(tab)
    configure(tab, max_iters=5000, eval_interval=1000)
    tab.controls.start_button.click()
    qtbot.waitUntil(lambda: train_points(tab) >= 10, timeout=TIMEOUT)
    xy = tab.plot.train_line.get_xydata()
    emitted = [(r["step"], r["train_loss"]) for r in seen["records"] if r["train_loss"] is not None]
    assert [tuple(p) for p in xy.tolist()] == emitted[: len(xy)]
    assert len(emitted) == len(xy)  # nothing dropped: the plot holds every record drained so far
    assert [r["step"] for r in seen["records"] if r["train_loss"] is not None][:3] == [1, 2, 3]  # every CPU step
    smoothed = tab.plot.smooth_line.get_ydata()
    assert smoothed[0] == pytest.approx(xy[0, 1])  # debiased: the EMA starts at the first value, not 0
    assert tab.plot.val_line.get_xydata()[0].tolist() == [0, seen["records"][0]["eval"]["val_loss"]]
    baseline = seen["started"][0]["baseline_loss"]
    assert baseline is not None and tab.plot.baseline_line.get_ydata()[0] == pytest.approx(baseline)
    stop_and_join(qtbot, tab)
    assert len(tab.plot.train_line.get_xydata()) >= len(xy)  # the plot is kept after Stop


def test_pause_holds_the_step_and_stop_joins_quickly(qtbot, tab):
    configure(tab, max_iters=100_000, eval_interval=50_000)
    tab.controls.start_button.click()
    qtbot.waitUntil(lambda: tab.last_record is not None and tab.last_record["step"] >= 3, timeout=TIMEOUT)
    with qtbot.waitSignal(tab.worker.paused, timeout=TIMEOUT) as blocker:
        tab.controls.pause_button.click()
    paused_at = blocker.args[0]
    assert tab.controls.pause_button.text().replace("&", "") == "Resume"
    qtbot.wait(400)
    assert tab.last_record["step"] == paused_at
    assert tab.plot.current.rows[-1]["step"] == paused_at
    with qtbot.waitSignal(tab.worker.resumed, timeout=TIMEOUT):
        tab.controls.pause_button.click()
    qtbot.waitUntil(lambda: tab.last_record["step"] > paused_at, timeout=TIMEOUT)
    assert stop_and_join(qtbot, tab) < 2.0
    assert tab.finished_info["status"] == "stopped"
    assert tab.controls.start_button.isEnabled() and not tab.controls.stop_button.isEnabled()


def test_x_axis_mode_changes_the_x_data(qtbot, tab):
    seen = collect(tab)
    run_to_end(qtbot, tab)
    train = [r for r in seen["records"] if r["train_loss"] is not None]
    tokens_per_iter = seen["started"][0]["tokens_per_iter"]
    assert xdata(tab) == [r["step"] for r in train]
    tab.options.x_combo.setCurrentIndex(tab.options.x_combo.findData("tokens"))
    assert xdata(tab) == [r["step"] * tokens_per_iter for r in train]
    assert tab.plot.axes.get_xlabel() == "tokens seen"
    tab.options.x_combo.setCurrentIndex(tab.options.x_combo.findData("time"))
    times = xdata(tab)
    assert times == [r["elapsed_s"] for r in train] and times == sorted(times) and times[-1] > 0


def test_invalid_configuration_disables_start_with_the_reason(qtbot, tab):
    assert tab.controls.start_button.isEnabled()
    tab.controls.set_value("n_head", 3)  # 16 is not divisible by 3
    assert not tab.controls.start_button.isEnabled()
    assert tab.controls.problem_label.isVisible()
    assert "divisible" in tab.controls.problem_label.text()
    tab.controls.set_value("n_head", 2)
    tab.controls.set_value("block_size", 500)  # longer than the 211-token validation split
    assert not tab.controls.start_button.isEnabled()
    assert "too short" in tab.controls.problem_label.text()
    tab.controls.set_value("block_size", 16)
    assert tab.controls.start_button.isEnabled() and not tab.controls.problem_label.isVisible()


def test_presets_fill_every_field_and_edits_switch_to_custom(qtbot, tab):
    controls = tab.controls
    controls.preset_combo.setCurrentIndex(controls.preset_combo.findData("gpu-baby"))
    assert (controls.value("n_layer"), controls.value("n_embd"), controls.value("block_size")) == (6, 384, 256)
    assert "parameters" in controls.estimate_label.text()
    before = controls.estimate_label.text()
    controls.set_value("n_layer", 2)
    assert controls.key(controls.preset_combo) == "custom"
    assert controls.estimate_label.text() != before
    rate = controls.spins["learning_rate"]
    rate.lineEdit().setText("3e-4")  # typed the way papers write it
    rate.interpretText()
    assert rate.value() == pytest.approx(3e-4) and controls.build_config().learning_rate == pytest.approx(3e-4)
    rate.stepBy(1)  # the arrows double or halve
    assert rate.value() == pytest.approx(6e-4)


def test_use_this_model_makes_the_checkpoint_current(qtbot, tab):
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "completed" and finished["best_checkpoint"]
    assert tab.use_button.isEnabled() and tab.open_button.isEnabled()
    assert str(tab.run_dir).startswith(str(tab.runs_root))
    with qtbot.waitSignal(tab.session.model_changed, timeout=TIMEOUT) as blocker:
        tab.use_button.click()
    loaded = blocker.args[0]
    assert loaded.source == finished["best_checkpoint"] and loaded.kind == "causal-lm"
    assert tab.session.model is loaded
    qtbot.waitUntil(lambda: not tab.session.busy, timeout=TIMEOUT)


def test_open_folder_shows_the_run_folder(qtbot, tab, monkeypatch):
    opened = []
    monkeypatch.setattr("gui.training.tab.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()))
    run_to_end(qtbot, tab)
    tab.open_button.click()
    assert opened == [str(tab.run_dir)]
    assert (tab.run_dir / "best" / "config.json").is_file()


def test_nan_loss_shows_a_message_and_keeps_the_plot(qtbot, tab, monkeypatch):
    import core.training.loop

    real = core.training.loop.learning_rate_at
    monkeypatch.setattr(core.training.loop, "learning_rate_at",
                        lambda step, config: math.nan if step >= 25 else real(step, config))
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "failed" and finished["error_kind"] == "nan"
    assert tab.message.isVisible() and "NaN" in tab.message.text() and "kept" in tab.message.text()
    assert len(tab.plot.train_line.get_xydata()) >= 20  # the steps before the NaN stay on the plot
    assert tab.use_button.isEnabled()  # the step-20 best checkpoint survives


def test_corpus_too_short_for_bpe_is_reported_after_tokenizing(qtbot, tab):
    tab.controls.tokenizer_combo.setCurrentIndex(tab.controls.tokenizer_combo.findData("bpe"))
    tab.controls.vocab_spin.setValue(300)
    configure(tab, block_size=200)  # BPE tokens are unknown before the run, so only the run can tell
    finished = run_to_end(qtbot, tab)
    assert finished["error_kind"] == "corpus-too-short"
    assert "too short" in tab.message.text()
    assert "tokens" in tab.controls.corpus_label.text() and "counted" not in tab.controls.corpus_label.text()
    assert not tab.controls.start_button.isEnabled()  # now the count is known, Start says why beforehand


def test_bigram_cannot_be_used_and_says_why(qtbot, tab):
    tab.controls.objective_combo.setCurrentIndex(tab.controls.objective_combo.findData("bigram"))
    assert not tab.controls.spins["n_layer"].isEnabled()
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "completed"
    assert not tab.use_button.isEnabled() and "bigram" in tab.result_label.text().lower()


def test_export_menu_saves_the_plot_and_every_plotted_value(qtbot, tab, tmp_path):
    figure_item, table_item = tab.export_items()[:2]  # then the batch view's picture and table
    assert isinstance(figure_item, FigureExport) and isinstance(table_item, TableExport)
    assert not item_available(figure_item) and not item_available(table_item)  # nothing plotted yet
    assert export_item(table_item, tmp_path / "empty.csv") is None
    assert tab.options.findChildren(QPushButton) == [tab.options.clear_button]  # no export buttons on the plot
    seen = collect(tab)
    run_to_end(qtbot, tab)
    assert item_available(figure_item) and item_available(table_item)
    target = export_item(table_item, tmp_path / "loss.csv")
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert len(rows) == len(seen["records"]) and {row["run"] for row in rows} == {"run 1"}
    assert [float(r["train_loss"]) for r in rows if r["train_loss"]] == [
        r["train_loss"] for r in seen["records"] if r["train_loss"] is not None]
    assert [float(r["val_loss"]) for r in rows if r["val_loss"]] == [
        r["eval"]["val_loss"] for r in seen["records"] if r["eval"]]
    legacy = tab.plot.export_csv(tmp_path / "legacy.csv")  # the same table as the older file writer
    assert list(csv.DictReader(legacy.open(encoding="utf-8"))) == rows
    png = export_item(figure_item, tmp_path / "loss.png")
    assert png.read_bytes()[:4] == b"\x89PNG"
    svg = export_item(figure_item, tmp_path / "loss.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "train (smoothed)" in svg and "loss (nats per token)" in svg
    figure = figure_item.figure()  # the exported copy holds the curves the screen shows, with a legend
    lines = {line.get_label(): line for line in figure.axes[0].get_lines()}
    assert list(lines["train (smoothed)"].get_ydata()) == list(tab.plot.smooth_line.get_ydata())
    assert len(lines["val"].get_xdata()) == len(tab.plot.val_line.get_xdata()) > 1
    assert figure.axes[0].get_legend() is not None


def test_previous_runs_stay_until_cleared(qtbot, tab):
    run_to_end(qtbot, tab)
    run_to_end(qtbot, tab)
    assert len(tab.plot.previous) == 1
    assert any(label.startswith("run 1") for label in tab.plot.legend_entries)
    assert "run 1 (best val" in tab.plot.legend.text()
    assert "run 1" in tab.plot.readout(10)
    tab.options.clear_button.click()
    assert tab.plot.previous == [] and not any(label.startswith("run 1") for label in tab.plot.legend_entries)


def test_closing_the_window_joins_a_running_run(qtbot, tab):
    configure(tab, max_iters=100_000, eval_interval=50_000)
    tab.controls.start_button.click()
    qtbot.waitUntil(lambda: tab.last_record is not None, timeout=TIMEOUT)
    tab.close()
    assert not tab.worker.running and not running_threads()


def test_fine_tuning_the_current_model(qtbot, tab, tmp_path):
    from core.model.loading import load_model
    from tests.tiny_models import make_tiny_gpt2

    tab.session.set_model(load_model(make_tiny_gpt2(tmp_path / "gpt2")))
    controls = tab.controls
    controls.start_from_combo.setCurrentIndex(controls.start_from_combo.findData("finetune"))
    assert not controls.tokenizer_combo.isEnabled() and not controls.spins["n_layer"].isEnabled()
    controls.set_value("block_size", 128)  # longer than the model's 64 positions
    assert not controls.start_button.isEnabled() and "context" in controls.problem_label.text()
    controls.set_value("block_size", 16)
    assert controls.start_button.isEnabled(), controls.problems
    seen = collect(tab)
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "completed", finished
    cropped = (64 - 16) * 32  # the position table is cut to the block size (n_embd 32)
    assert seen["started"][0]["n_parameters"] == tab.session.model.n_parameters - cropped
    with qtbot.waitSignal(tab.session.model_changed, timeout=TIMEOUT) as blocker:
        tab.use_button.click()
    assert blocker.args[0].source == finished["best_checkpoint"]
    qtbot.waitUntil(lambda: not tab.session.busy, timeout=TIMEOUT)


def test_masked_lm_run_loads_as_a_fill_mask_model(qtbot, tab):
    tab.controls.objective_combo.setCurrentIndex(tab.controls.objective_combo.findData("mlm"))
    configure(tab, max_iters=20, eval_interval=20)
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "completed", finished
    assert "masked LM" in tab.result_label.text()
    with qtbot.waitSignal(tab.session.model_changed, timeout=TIMEOUT) as blocker:
        tab.use_button.click()
    assert blocker.args[0].kind == "masked-lm"
    qtbot.waitUntil(lambda: not tab.session.busy, timeout=TIMEOUT)


@pytest.mark.parametrize("kind", ["out-of-memory", "device"])
def test_out_of_memory_and_missing_device_show_a_message(qtbot, tab, monkeypatch, kind):
    import torch

    import core.devices
    import core.training.loop

    if kind == "out-of-memory":
        real = core.training.loop.learning_rate_at

        def learning_rate_at(step, config):
            if step >= 25:
                raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
            return real(step, config)

        monkeypatch.setattr(core.training.loop, "learning_rate_at", learning_rate_at)
    else:
        def select_device(preference=None):
            raise core.devices.DeviceUnavailableError("CUDA was requested but is not available on this machine.")

        monkeypatch.setattr(core.devices, "select_device", select_device)
    finished = run_to_end(qtbot, tab)
    assert finished["status"] == "failed" and finished["error_kind"] == kind
    expected = {"out-of-memory": "Out of memory", "device": "not available"}[kind]
    assert tab.message.isVisible() and expected in tab.message.text()
    if kind == "out-of-memory":
        assert "batch size" in tab.message.text() and train_points(tab) >= 20


def test_resume_continues_a_saved_run_from_its_folder(qtbot, tab, tmp_path, monkeypatch):
    configure(tab, max_iters=60, eval_interval=20)
    tab.controls.start_button.click()
    qtbot.waitUntil(lambda: tab.last_record is not None and tab.last_record["step"] >= 25, timeout=TIMEOUT)
    stop_and_join(qtbot, tab)
    stopped_at = tab.finished_info["step"]
    assert tab.finished_info["status"] == "stopped" and (tab.run_dir / "last" / "config.json").is_file()
    folder = tab.run_dir
    configure(tab, max_iters=5, n_embd=32)  # the settings column does not matter: the run keeps its own
    seen = collect(tab)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    assert tab.controls.resume_button.isEnabled()
    with qtbot.waitSignal(tab.worker.finished, timeout=TIMEOUT) as blocker:
        tab.controls.resume_button.click()
    finished = blocker.args[0]
    started = seen["started"][0]
    assert started["start_step"] == stopped_at and started["max_iters"] == 60
    assert finished["status"] == "completed" and finished["step"] == 60
    assert seen["records"][0]["step"] == stopped_at + 1  # it went on from the saved step, not from 0
    assert tab.run_dir == folder and finished["last_checkpoint"] == str(folder / "last")
    assert tab.plot.current.rows[0]["step"] == stopped_at + 1 and len(tab.plot.previous) == 1
    assert "=== run 2: GPT" in tab.samples.toPlainText()


def test_resume_says_why_a_folder_cannot_be_resumed(qtbot, tab, tmp_path, monkeypatch):
    empty = tmp_path / "not-a-run"
    empty.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(empty))
    tab.controls.resume_button.click()
    assert not tab.worker.running
    assert tab.message.isVisible() and "cannot be resumed" in tab.message.text()
    assert f"There is no checkpoint to resume from in {empty / 'last'}." in tab.message.text()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: "")  # cancelled
    assert tab.resume() is False and not tab.worker.running


def test_quick_run_for_the_lesson_uses_the_cpu_quick_preset_and_reports_its_checkpoint(qtbot, tab):
    tab.controls.objective_combo.setCurrentIndex(tab.controls.objective_combo.findData("bigram"))
    tab.controls.tokenizer_combo.setCurrentIndex(tab.controls.tokenizer_combo.findData("bpe"))
    assert not tab.is_running() and tab.trained_checkpoint() is None
    settings = {**TINY, "max_iters": 12, "eval_interval": 6, "sample_tokens": 5}
    with qtbot.waitSignal(tab.run_finished, timeout=TIMEOUT) as blocker:
        assert tab.start_quick_run(settings) is True
        assert tab.is_running()
    info = blocker.args[0]
    assert info["status"] == "completed" and info["step"] == 12
    assert tab.controls.key(tab.controls.objective_combo) == "gpt"  # a GPT whatever was chosen before
    assert tab.controls.key(tab.controls.tokenizer_combo) == "char"
    assert tab.controls.value("n_embd") == TINY["n_embd"]  # the settings over the preset
    assert tab.controls.overrides == {"sample_tokens": 20}  # a setting without a box is for that run only
    checkpoint = tab.trained_checkpoint()
    assert checkpoint is not None and (checkpoint / "config.json").is_file()
    assert not tab.is_running()


def test_quick_run_that_cannot_start_says_why(qtbot, tab):
    assert tab.start_quick_run({**TINY, "n_embd": 30, "n_head": 4}) is False  # 30 is not divisible by 4
    assert not tab.is_running()
    assert any("divisible" in problem for problem in tab.problems())
