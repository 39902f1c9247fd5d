"""Attention tab on a 12-layer x 12-head GPT-2: head switch, whole-model grid, forward + extraction.

    QT_QPA_PLATFORM=offscreen python bench/bench_attention.py [--repeats 20] [--n-embd 192]

A randomly initialised GPT-2 (12 layers, 12 heads, `--n-embd` wide, 512 positions) is built from
a `GPT2Config` with the tests' tiny byte-level tokenizer, saved to a temporary folder and loaded
with `core.model.loading.load_model`, as the app would. Its shape, not its width, sets the cost of
the maps (layers x heads x T x T numbers).

- Head switch: the Attention tab (1280x800) shows a 64-token text; each sample sets the next head
  and runs the redraws of the heatmap and of the query's bars as the tab's throttled timers would
  (`draw_now()`, then the Qt events that paint them). With the same tokens and colours they repaint
  only what changed (image, bars, title, outlines) over a saved background (a blit); before, each
  ended in a full Agg render with the constrained layout. Goal: 50 ms or less.
  Also reported: the same switch followed by a full `canvas.draw()` of the heatmap (what a resize
  or a new colormap costs).
- Model grid: switching from the single head to the layers x heads grid (144 thumbnails at 64
  tokens), mosaic built and drawn. The first switch builds the mosaic, later ones reuse the cached
  mosaic; both are reported. Goal: 500 ms or less.
- Forward + extraction: `core.attention.maps.attention_maps` at 256 tokens (eager attention, all
  weights copied to numpy), against the baseline of one plain forward pass of the same model on the
  same ids through the same base model (default SDPA attention, no weights returned).

The maps are given to the tab directly (no background job), and the session holds no model so no
explanation job starts while timing. Wall time and the process's CPU time are both reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCE = "The cat sat on the mat because it was tired, and the dog looked at the cat. "


def timed(function) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def summary(samples: list[tuple[float, float]]) -> str:
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    return (f"median {statistics.median(walls):.1f} ms wall (min {min(walls):.1f}, max {max(walls):.1f}), "
            f"median {statistics.median(cpus):.1f} ms CPU, n={len(samples)}")


def text_of(loaded, n_tokens: int) -> str:
    """A text that the model's tokenizer turns into exactly `n_tokens` ids."""
    ids = loaded.encode(SENTENCE * (n_tokens // 8 + 4))
    for cut in range(n_tokens, n_tokens + 8):
        text = loaded.tokenizer.decode(ids[:cut])
        if len(loaded.encode(text)) == n_tokens:
            return text
    raise RuntimeError(f"could not make a text of {n_tokens} tokens")


def build_model(folder: Path, n_embd: int):
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    from core.model.loading import load_model
    from tests.tiny_models import tiny_byte_level_tokenizer

    tokenizer = tiny_byte_level_tokenizer()
    eos = tokenizer.eos_token_id
    config = GPT2Config(n_layer=12, n_head=12, n_embd=n_embd, n_positions=512, vocab_size=len(tokenizer),
                        bos_token_id=eos, eos_token_id=eos)
    torch.manual_seed(0)
    GPT2LMHeadModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return load_model(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--n-embd", type=int, default=192)
    args = parser.parse_args()

    import torch
    from PySide6.QtWidgets import QApplication

    from core.attention.maps import attention_maps
    from gui.attention.tab import MODEL_GRID, SINGLE, AttentionTab
    from gui.common.session import Session

    app = QApplication.instance() or QApplication([])
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        loaded = build_model(Path(folder) / "gpt2-12x12", args.n_embd)
    print(f"model: GPT-2 {loaded.n_layers} layers x {loaded.n_heads} heads, n_embd {args.n_embd}, "
          f"{sum(p.numel() for p in loaded.model.parameters()) / 1e6:.1f} M parameters")

    # --- forward + extraction at 256 tokens, against a plain forward pass ---------------------
    text256 = text_of(loaded, 256)
    ids = torch.tensor([loaded.encode(text256)], dtype=torch.long)

    base = getattr(loaded.model, "base_model", loaded.model)  # what attention_maps runs (no LM head)

    def plain_forward():
        with torch.no_grad():
            base(ids)

    plain_forward()  # warm-up
    attention_maps(loaded, text256)
    repeats = max(3, args.repeats // 4)
    baseline = [timed(plain_forward) for _ in range(repeats)]
    extraction = [timed(lambda: attention_maps(loaded, text256)) for _ in range(repeats)]
    maps256 = attention_maps(loaded, text256)
    print(f"baseline, plain forward at 256 tokens (SDPA, no weights): {summary(baseline)}")
    print(f"forward + extraction at 256 tokens: {summary(extraction)}; weights {maps256.weights.dtype}, "
          f"{maps256.weights.nbytes / 1e6:.1f} MB")

    # --- the tab at 64 tokens ---------------------------------------------------------------
    text64 = text_of(loaded, 64)
    maps = attention_maps(loaded, text64)
    tab = AttentionTab(Session())
    tab.resize(1280, 800)
    tab.show()
    app.processEvents()
    tab.raw_maps, tab._maps_key = maps, (loaded, text64)
    tab._use_maps(new=True)
    tab.ui.heatmap.canvas.draw()
    app.processEvents()

    def switch_head(head: int) -> None:
        tab.ui.head_spin.setValue(head)
        for plot in (tab.ui.heatmap, tab.ui.bars):
            plot._redraw.stop()
            plot.draw_now()  # what the throttled redraw timer runs
        app.processEvents()  # a pending full draw (draw_idle) and the paint happen here
        app.processEvents()

    def switch_head_full_draw(head: int) -> None:
        tab.ui.head_spin.setValue(head)
        tab.ui.heatmap._redraw.stop()
        tab.ui.heatmap.canvas.draw()

    switch_head(1)  # the first switch after the maps may still lay the figure out
    heads = [timed(lambda k=k: switch_head((k + 2) % maps.n_heads)) for k in range(args.repeats)]
    print(f"head switch redraw, 64 tokens: {summary(heads)} (goal <= 50 ms)")
    full = [timed(lambda k=k: switch_head_full_draw((k + 1) % maps.n_heads)) for k in range(max(3, args.repeats // 2))]
    print(f"head switch + full canvas.draw() (as after a resize), 64 tokens: {summary(full)}")
    for name, plot in (("heatmap", tab.ui.heatmap), ("bars", tab.ui.bars)):
        quick = getattr(plot, "quick", None)
        if quick is not None:
            print(f"{name}: {quick.full_draws} full draws, {quick.layouts} layouts in all")

    tab.ui.heatmap._redraw.stop()

    def show_grid() -> None:
        tab.set_view_mode(MODEL_GRID)
        tab.ui.grid_view._redraw.stop()
        tab.ui.grid_view.canvas.draw()

    first = timed(show_grid)
    grids = []
    for _ in range(max(3, args.repeats // 4)):
        tab.set_view_mode(SINGLE)
        tab.ui.heatmap._redraw.stop()
        app.processEvents()
        grids.append(timed(show_grid))
    print(f"model grid (12 x 12 tiles, 64 tokens): first {first[0]:.1f} ms wall / {first[1]:.1f} ms CPU "
          f"(mosaic built); again: {summary(grids)} (goal <= 500 ms)")
    tab.shutdown()
    tab.close()


if __name__ == "__main__":
    main()
