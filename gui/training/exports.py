"""The loss plot as a file: a standalone matplotlib figure with the curves shown on screen, and a legend.

On screen the growing curves are drawn tick by tick (`gui.training.painter`), so they are left
out of the canvas's own figure, and the legend is a Qt label. An export therefore draws a copy:
every line of the plot with its data, colour, style and label, the same axis limits, scales and
axis labels, and a matplotlib legend. The Export menu (`gui.common.tab_exports`) saves it as PNG or SVG.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.tab_exports import ExportItem, FigureExport, TableExport
from gui.training.painter import style_x_axis, style_y_axis

translate = QCoreApplication.translate

EXPORT_SIZE_INCHES = (8.0, 4.8)


def _copy_line(axes: Any, line: Any) -> Any:
    """A copy of a Line2D on `axes`: data, colour, style, markers and label."""
    copy, = axes.plot(line.get_xdata(), line.get_ydata(), color=line.get_color(), ls=line.get_linestyle(),
                      lw=line.get_linewidth(), marker=line.get_marker(), ms=line.get_markersize(),
                      mec=line.get_markeredgecolor(), mew=line.get_markeredgewidth(), label=line.get_label(),
                      zorder=line.get_zorder())
    return copy


def loss_figure(plot: Any) -> Any | None:
    """A new Figure drawing what `plot` (a LossPlot) shows, or None while it shows no run."""
    if not plot.shows_runs():
        return None
    from matplotlib.figure import Figure

    from gui.common.plot_canvas import style_axes

    background, foreground = plot.colors()
    figure = Figure(figsize=EXPORT_SIZE_INCHES, layout="constrained")
    figure.set_facecolor(background)
    axes = figure.add_subplot()
    handles = [_copy_line(axes, line) for line in (plot.train_line, plot.smooth_line, plot.val_line, plot.best_line)]
    handles[0].set_label(plot.legend_names()["train"])  # "train (raw, faint)" as in the on-screen legend
    if plot.baseline_line.get_visible():
        baseline = axes.axhline(plot.baseline_line.get_ydata()[0], ls="--", lw=1.2, color=foreground,
                                label=plot.baseline_line.get_label())
        handles.append(baseline)
    for smooth, val in plot._previous_lines:
        handles.append(_copy_line(axes, smooth))
        _copy_line(axes, val).set_label("_nolegend_")
    style_x_axis(axes, plot.x_mode)
    style_y_axis(axes, plot.log_y)
    axes.set_ylabel(plot.axes.get_ylabel())
    axes.set_xlim(plot.axes.get_xlim())
    axes.set_ylim(plot.axes.get_ylim())
    axes.grid(True, alpha=0.25, color=foreground)
    style_axes(axes, background, foreground)
    legend = axes.legend(handles=handles, loc="best", fontsize="small")
    legend.get_frame().set_facecolor(background)
    for text in legend.get_texts():
        text.set_color(foreground)
    return figure


def loss_export_items(plot: Any) -> list[ExportItem]:
    """The Training tab's Export menu: the loss plot (PNG or SVG) and every plotted value (CSV)."""
    return [FigureExport(name=lambda: translate("TrainingTab", "Loss curves"), figure=plot.export_figure,
                         file_stem="loss", ready=plot.shows_runs),
            TableExport(name=lambda: translate("TrainingTab", "Loss values"), table=plot.table,
                        file_stem="loss", ready=lambda: any(run.rows for run in plot.runs()))]
