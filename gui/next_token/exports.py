"""What the Next-token tab's Export menu saves (`gui.common.tab_exports`).

Plots (PNG or SVG): the probability bars, the running total on its own, the cumulative draw
bar, the A/B and temperature comparisons once drawn, the beam search tree and the two logit lens
heatmaps, and a task head's plot (label probabilities, token labels or answer spans). Tables (CSV):
the whole distribution, the pipeline stage by stage, the precision comparison, the generated tokens
of every strategy, the beam search's hypotheses, the logit lens, a masked model's fill-mask guesses
and a task head's numbers.

The distribution table holds every token of the vocabulary, most likely (after the settings)
first, with its probability at every stage of the pipeline, so a spreadsheet can redo the tab's
sums. Probabilities are written with 9 significant digits, enough to read back the exact float32.
CSV numbers are plain (a dot for decimals), whatever the language of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from gui.common.tab_exports import ExportItem, FigureExport, TableExport
from gui.next_token.modes import FILL_MASK_MODE, NEXT_TOKEN_MODE, TASK_MODES
from gui.next_token.task_heads_plot import csv_table

if TYPE_CHECKING:
    from gui.next_token.widgets import NextTokenWidgets

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

Table = tuple[list[str], list[list[Any]]]


def distribution_table(stages: list[Any], tokenizer: Any) -> Table:
    """(header, rows) for the whole vocabulary: rank, token id, text, label, one column per stage."""
    import torch

    from core.tokenization.token_labels import make_visible

    final = stages[-1].probs
    raw = stages[0].probs
    order = torch.argsort(raw, descending=True, stable=True)  # ties (removed tokens): the model's order
    order = order[torch.argsort(final[order], descending=True, stable=True)]
    ids = order.tolist()
    texts = tokenizer.batch_decode([[i] for i in ids], clean_up_tokenization_spaces=False)
    columns = [stage.probs[order].tolist() for stage in stages]
    header = ["rank", "token_id", "text", "label", *[f"p_{stage.name.replace(' ', '_')}" for stage in stages],
              "kept"]
    kept = stages[-1].kept[order].tolist()
    rows = [[rank, token, text, make_visible(text), *(f"{column[rank - 1]:.9g}" for column in columns),
             int(kept[rank - 1])]
            for rank, (token, text) in enumerate(zip(ids, texts), start=1)]
    return header, rows


def stage_table(stages: list[Any]) -> Table:
    """The pipeline table: stage, entropy in bits, tokens left, probability removed (in percent)."""
    header = ["stage", "entropy_bits", "tokens_left", "removed_percent"]
    rows = [[stage.name, f"{stage.entropy_bits:.6f}", stage.n_kept, f"{100 * stage.mass_removed:.6f}"]
            for stage in stages]
    return header, rows


def fill_mask_table(guesses: list[list[Any]]) -> Table:
    """The fill-mask guesses: one row per mask and rank."""
    header = ["mask", "rank", "token_id", "token", "label", "probability"]
    rows = [[mask, rank, guess.token_id, guess.token, guess.label, f"{guess.probability:.9g}"]
            for mask, row in enumerate(guesses, start=1) for rank, guess in enumerate(row, start=1)]
    return header, rows


def precision_table(results: list[Any], loaded: Any) -> Table:
    """fp32 and each reduced precision: size in bytes, KL from fp32, the most likely token, and the share of
    fp32's ten most likely tokens also in its ten."""
    from core.next_token.precision import model_size_bytes
    from core.tokenization.token_labels import token_label

    sizes = model_size_bytes(loaded.n_parameters)
    header = ["weights", "size_bytes", "kl_from_fp32_nats", "top_token_id", "top_token", "top_probability",
              "same_as_fp32", "top10_agreement"]
    reference = results[0]
    rows = [["fp32", sizes["fp32"], "0", reference.top1_fp32, token_label(loaded.tokenizer, reference.top1_fp32),
             f"{float(reference.probs_fp32.max()):.9g}", "", "1"]]
    rows += [[result.dtype, sizes[result.dtype], f"{result.kl_nats:.9g}", result.top1,
              token_label(loaded.tokenizer, result.top1), f"{float(result.probs.max()):.9g}",
              "yes" if result.top1_agrees else "no", f"{result.topk_agreement:.9g}"] for result in results]
    return header, rows


def generation_table(columns: list[Any]) -> Table:
    """The generated tokens of each strategy column: strategy, step, id, text, both probabilities."""
    header = ["column", "strategy", "step", "token_id", "text", "probability", "final_probability"]
    rows = [[column.name, column.strategy_combo.currentData(), token.step, token.token_id, token.text,
             f"{token.probability:.9g}", f"{token.final_probability:.9g}"]
            for column in columns for token in column.tokens]
    return header, rows


def hypotheses_table(result: Any, tokenizer: Any) -> Table:
    """The beam search's hypotheses: rank, text, tokens, raw log-probability, normalised score."""
    header = ["rank", "text", "token_ids", "tokens", "log_probability", "score", "finished"]
    rows = [[rank, tokenizer.decode(h.token_ids, clean_up_tokenization_spaces=False),
             " ".join(str(t) for t in h.token_ids), len(h.token_ids), f"{h.log_prob:.9g}", f"{h.score:.9g}",
             "yes" if h.finished else "no"]
            for rank, h in enumerate(result.hypotheses, start=1)]
    return header, rows


def running_total_figure(rows: Any, title: str) -> Any:
    """A Figure of the running total of the bar chart's rows (rank 1 first), with the top-p cut-off."""
    from matplotlib.figure import Figure

    from gui.next_token.views import CHOSEN, KEPT, percent_formatter

    figure = Figure(figsize=(6.4, 4.0), layout="constrained")
    axes = figure.add_subplot()
    ranks = list(range(1, len(rows.cumulative) + 1))
    axes.plot(ranks, rows.cumulative, color=KEPT, marker="o", markersize=3, drawstyle="steps-post")
    if rows.top_p is not None:
        axes.axhline(rows.top_p, color=CHOSEN, linestyle="--",
                     label=translate("SamplingTab", "top-p cut-off"))
        axes.legend(loc="lower right", frameon=False)
    axes.set_ylim(0, 1.04)
    axes.yaxis.set_major_formatter(percent_formatter())
    axes.set_xlabel(translate("SamplingTab", "rank (1 = most likely token)"))
    axes.set_ylabel(translate("SamplingTab", "running total"))
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    return figure


@dataclass(frozen=True)
class ExportState:
    """What the tab holds now, for its export items: the mode, the pipeline stages for the prompt,
    the model's tokenizer (None without a model) and a masked model's guesses."""

    mode: str
    stages: list[Any]
    tokenizer: Any
    mask_predictions: list[list[Any]]


def sampling_export_items(ui: NextTokenWidgets, state: Callable[[], ExportState]) -> list[ExportItem]:
    """Everything the Next-token tab can save, from its widgets `ui` and its `state()` at the time of
    the export; each item is greyed out until it has something."""

    def next_token() -> bool:
        now = state()
        return now.mode == NEXT_TOKEN_MODE and bool(now.stages)

    def fill_mask() -> bool:
        now = state()
        return now.mode == FILL_MASK_MODE and bool(now.mask_predictions)

    def drawn(plot: Any, ready: bool) -> Any:
        return plot.figure() if ready and plot.created and plot.figure().axes else None

    def running_total() -> Any:
        if not next_token() or ui.bars.rows is None:
            return None
        return running_total_figure(ui.bars.rows, translate("SamplingTab", "Running total of the top tokens"))

    def distribution() -> Table | None:
        return distribution_table(state().stages, state().tokenizer) if next_token() else None

    bars, compare, temperature_plot = ui.bars, ui.compare, ui.temperature_plot
    precision, generation, beam_tree, lens = ui.precision, ui.generation, ui.beam_tree, ui.logit_lens
    task_view = ui.task_view

    def task_result() -> bool:
        return state().mode in TASK_MODES and task_view.result is not None

    def lens_csv() -> Table | None:
        from gui.next_token.logit_lens_plot import lens_table

        return lens_table(lens.lens, lens.label) if lens.lens is not None else None

    return [
        FigureExport(lambda: translate("SamplingTab", "Probability bars"),
                     lambda: bars.still_figure() if state().mode in (NEXT_TOKEN_MODE, FILL_MASK_MODE) else None,
                     "next-token-bars"),
        FigureExport(lambda: translate("SamplingTab", "Running total"), running_total, "next-token-running-total",
                     ready=lambda: next_token() and bars.rows is not None),
        FigureExport(lambda: translate("SamplingTab", "Cumulative draw bar"),
                     lambda: drawn(ui.draw_plot, next_token()), "next-token-draw"),
        FigureExport(lambda: translate("SamplingTab", "Compare A/B"),
                     lambda: drawn(compare.plot, next_token() and all(compare.stages)
                                   and bool(compare.plot.token_ids)), "next-token-compare-ab"),
        FigureExport(lambda: translate("SamplingTab", "Compare temperatures"),
                     lambda: drawn(temperature_plot, next_token() and bool(temperature_plot.heights_by_temperature)),
                     "next-token-temperatures"),
        TableExport(lambda: translate("SamplingTab", "Whole distribution"), distribution, "next-token-distribution",
                    next_token),
        TableExport(lambda: translate("SamplingTab", "Pipeline, stage by stage"),
                    lambda: stage_table(state().stages) if next_token() else None, "next-token-pipeline",
                    next_token),
        TableExport(lambda: translate("SamplingTab", "Precision comparison"),
                    lambda: precision_table(precision.results, precision.loaded()) if precision.results else None,
                    "next-token-precision", lambda: bool(precision.results)),
        TableExport(lambda: translate("SamplingTab", "Generated tokens"),
                    lambda: generation_table(generation.active_columns()) if generation.has_tokens() else None,
                    "next-token-generated", generation.has_tokens),
        FigureExport(lambda: translate("SamplingTab", "Beam tree"),
                     lambda: drawn(beam_tree.plot, bool(beam_tree.steps)), "beam-search-tree"),
        TableExport(lambda: translate("SamplingTab", "Beam search hypotheses"),
                    lambda: hypotheses_table(beam_tree.result, state().tokenizer) if beam_tree.result else None,
                    "beam-search-hypotheses", lambda: beam_tree.result is not None),
        FigureExport(lambda: translate("SamplingTab", "Logit lens, last position"),
                     lambda: drawn(lens.top_plot, lens.lens is not None), "logit-lens-last-position"),
        FigureExport(lambda: translate("SamplingTab", "Logit lens, every position"),
                     lambda: drawn(lens.grid_plot, lens.lens is not None), "logit-lens-positions"),
        TableExport(lambda: translate("SamplingTab", "Logit lens"), lens_csv, "logit-lens",
                    lambda: lens.lens is not None),
        TableExport(lambda: translate("SamplingTab", "Fill-mask guesses"),
                    lambda: fill_mask_table(state().mask_predictions) if fill_mask() else None, "fill-mask-guesses",
                    fill_mask),
        FigureExport(task_view.export_name, lambda: drawn(task_view.plot, task_result()), "task-head-plot"),
        TableExport(task_view.export_name, lambda: csv_table(task_view.result) if task_result() else None,
                    "task-head-table", task_result),
    ]
