"""Slider move -> probability bars redrawn, for a 50k-token vocabulary, against one forward pass.

    QT_QPA_PLATFORM=offscreen python bench/bench_sampling.py [--moves 200] [--vocab 50257]

The Next-token tab is built on its own at 1280x800 with a stand-in model: it returns fixed
random logits over `--vocab` tokens (normal, standard deviation 3, so the top token gets a few
percent, as with a real model), and a stand-in tokenizer gives each token a readable label.
Each move sets one control (temperature, top-p, top-k or min-p slider/spin box, in turn) and is
timed until `setValue` returns: by then `core.next_token.sampling` has re-run on the cached logits, the stage
table is updated and the bars are drawn into the canvas and repainted (the tab does this
synchronously; the cumulative draw bar and the comparison views wait until the slider rests).
Wall time and the process's CPU time are both reported: on a busy shared machine the wall time
includes waiting for a core, the CPU time does not. `core_sampling_stages_*` is `core.next_token.sampling`
alone on a copy of the logits, so with no steps reused from earlier moves (the tab, moving one
setting at a time, reuses the steps before it).
The baseline is one forward pass of the built-in model (`core.assets.builtin_model_dir()`) on the
prompt below; without the built-in model, a randomly initialised GPT-2 of the same shape stands
in and the output says so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROMPT = "The cat sat on the mat, and the dog sat on the log. Then the cat looked at the dog and said"
BUILTIN_SHAPE = {"n_layer": 4, "n_head": 4, "n_embd": 128, "n_positions": 128, "vocab_size": 2048}


class StandInTokenizer:
    """Labels for a vocabulary of n tokens: ' w123', 'x123', and a few whitespace tokens."""

    eos_token_id, mask_token, mask_token_id = 0, None, None

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def _text(self, i: int) -> str:
        return "\n" if i % 997 == 1 else (f" w{i}" if i % 3 else f"x{i}")

    def decode(self, ids, clean_up_tokenization_spaces: bool = False) -> str:
        return "".join(self._text(int(i)) for i in ids)

    def batch_decode(self, rows, clean_up_tokenization_spaces: bool = False) -> list[str]:
        return [self.decode(row) for row in rows]

    def convert_ids_to_tokens(self, i: int) -> str:
        return self._text(int(i))

    def __call__(self, text: str) -> dict:
        return {"input_ids": [hash(word) % self.n for word in text.split()] or [1]}


class StandInModel:
    """Returns the same random (V,) logits for every position: (1, T, V)."""

    def __init__(self, logits) -> None:
        self.logits = logits

    def __call__(self, ids, **_kwargs):
        return SimpleNamespace(logits=self.logits.expand(1, ids.shape[1], -1))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_bars(vocab: int, moves: int) -> dict:
    import torch
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from core.model.loading import CAUSAL_LM, LoadedModel
    from core.next_token.sampling import sampling_stages
    from gui.common.application import register_fonts
    from gui.common.session import Session
    from gui.next_token.tab import SamplingTab
    from gui.next_token.views import one_torch_thread

    app = QApplication.instance() or QApplication([])
    register_fonts()
    logits = torch.randn(vocab, generator=torch.Generator().manual_seed(0)) * 3.0
    loaded = LoadedModel(f"random logits ({vocab:,} tokens)", "stand-in", CAUSAL_LM, StandInModel(logits),
                         StandInTokenizer(vocab), context_length=1024)
    session = Session()
    tab = SamplingTab(session)
    tab.resize(1280, 800)
    tab.show()
    loop = QEventLoop()
    tab.computed.connect(loop.quit)
    session.set_model(loaded)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    app.processEvents()
    assert tab.stages and len(tab.current_distribution) == vocab, "the prediction did not arrive"
    controls = tab.ui.controls
    sliders = [
        (controls.temperature.slider, [30, 50, 70, 90, 110, 130, 150, 200]),  # x 0.01
        (controls.top_p.slider, [50, 60, 70, 80, 90, 95, 100]),
        (controls.top_k_spin, [0, 5, 10, 20, 40, 0]),
        (controls.min_p.slider, [0, 2, 5, 10, 0]),
    ]
    timings, cpu, full, core_times = [], [], 0, []
    for move in range(moves + 10):
        widget, values = sliders[move % len(sliders)]
        value = next(v for v in values[move // len(sliders) % len(values):] + values if v != widget.value())
        renders, background = tab.ui.bars.render_count, tab.ui.bars._background
        start, start_cpu = time.perf_counter(), time.process_time()
        widget.setValue(value)
        elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        assert tab.ui.bars.render_count == renders + 1, "the bars were not redrawn"
        if move >= 10:  # the first moves warm caches (glyph outlines, matplotlib)
            timings.append(elapsed * 1000)
            cpu.append(elapsed_cpu * 1000)
            full += tab.ui.bars._background is not background
            fresh = logits.clone()  # a tensor core.next_token.sampling has not seen: every step computed afresh
            with one_torch_thread():  # as the tab runs it
                start = time.perf_counter()
                sampling_stages(fresh, tab.sampling_settings(), tab._prompt_ids)
                core_times.append((time.perf_counter() - start) * 1000)
    tab.shutdown()
    tab.close()
    return {
        "vocabulary": vocab,
        "moves": len(timings),
        "bars_median_ms": round(statistics.median(timings), 1),
        "bars_p95_ms": round(percentile(timings, 0.95), 1),
        "bars_max_ms": round(max(timings), 1),
        "bars_cpu_median_ms": round(statistics.median(cpu), 1),
        "bars_cpu_p95_ms": round(percentile(cpu, 0.95), 1),
        "full_redraws": full,
        "core_sampling_stages_median_ms": round(statistics.median(core_times), 1),
        "core_sampling_stages_p95_ms": round(percentile(core_times, 0.95), 1),
    }


def bench_forward(repeats: int = 30) -> dict:
    """One forward pass of the built-in model (the prompt's next-token logits), with torch's
    default thread count as the app's background thread uses it, and with one thread."""
    import torch

    from core.assets import builtin_model_dir

    folder = builtin_model_dir()
    if folder is not None:
        from core.model.loading import load_model

        loaded = load_model(folder)
        model, ids, name = loaded.model, loaded.encode(PROMPT), f"built-in model ({folder.name})"
    else:
        from transformers import GPT2Config, GPT2LMHeadModel

        torch.manual_seed(0)
        model = GPT2LMHeadModel(GPT2Config(**BUILTIN_SHAPE)).eval()
        ids = torch.randint(0, BUILTIN_SHAPE["vocab_size"], (24,)).tolist()
        name = "no built-in model found: a random GPT-2 of its shape (4 layers, 4 heads, 128 wide, 2,048 tokens)"
    batch = torch.tensor([ids])
    result = {"forward_model": name, "forward_tokens": len(ids), "torch_threads": torch.get_num_threads()}
    default = torch.get_num_threads()
    for label, threads in (("", default), ("_1_thread", 1)):
        torch.set_num_threads(threads)
        times = []
        with torch.no_grad():
            for i in range(repeats + 3):
                start = time.perf_counter()
                model(batch)
                if i >= 3:
                    times.append((time.perf_counter() - start) * 1000)
        result[f"forward{label}_median_ms"] = round(statistics.median(times), 2)
        result[f"forward{label}_p95_ms"] = round(percentile(times, 0.95), 2)
    torch.set_num_threads(default)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--vocab", type=int, default=50257)
    args = parser.parse_args()
    result = bench_bars(args.vocab, args.moves)
    result.update(bench_forward())
    result["bars_p95_vs_forward_median"] = round(result["bars_p95_ms"] / result["forward_median_ms"], 2)
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
