"""Drawing the loss plot: fast tick updates (`CurvePainter`), fixed margins and axis styles.

After every full draw the painter draws the growing curves whole and saves that picture of the
axes. A tick then restores the picture, draws the newest segments onto it with "pens" (copies
of the three growing lines holding only their tails, joined to the last point drawn), saves it
again, draws the best-val star and the hover cursor on top, and asks Qt to repaint only the area
that changed. The cost depends on what is new, not on how long the run is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.training.series import format_seconds

translate = QCoreApplication.translate

MARKER_PAD_PX = 14.0  # half the best-val star, plus line width and antialiasing


class CurvePainter:
    """Draws a `LossPlot`'s growing curves incrementally (see the module docstring)."""

    def __init__(self, plot: Any) -> None:
        self.plot = plot
        axes = plot.axes
        self.pens = [axes.plot([], [], lw=0.8)[0], axes.plot([], [], lw=2.0)[0],
                     axes.plot([], [], "o-", color=plot.val_line.get_color(), lw=1.0, ms=5)[0]]
        for pen in self.pens:
            pen.set_animated(True)  # never part of a full draw or an export
        self.background: Any = None  # the axes with the curves drawn so far, without star and cursor
        self.bounds: Any = None  # the figure size the background belongs to
        self.drawn = (0, 0)  # train and val points in the background
        self.star_box: Any = None  # where the best-val star was last drawn (display coordinates)
        self.frame_count = 0

    def on_draw(self, _event: Any) -> None:
        """After a full draw (which leaves out the growing lines): draw them whole, save the picture, then the
        star and the cursor on top."""
        plot, axes = self.plot, self.plot.axes
        for artist in (plot.baseline_line, plot.train_line, plot.smooth_line, plot.val_line):
            axes.draw_artist(artist)
        self._save()
        run = plot.current
        self.drawn = (len(run.train_y), len(run.val_y)) if run is not None else (0, 0)
        axes.draw_artist(plot.best_line)
        axes.draw_artist(plot.cursor)
        self.star_box = self.box(plot.best_line.get_xydata())
        self.frame_count += 1

    def blit(self, whole: bool = False) -> bool:
        """Add the new segments, draw star and cursor, repaint what changed (`whole`: the axes). False when
        there is no usable picture yet (a full draw is needed)."""
        plot, axes, canvas = self.plot, self.plot.axes, self.plot.canvas
        if self.background is None or plot.figure().bbox.bounds != self.bounds:
            return False
        canvas.restore_region(self.background)
        changed = self._draw_new_segments()
        if changed is not None:
            self._save()
        axes.draw_artist(plot.best_line)
        axes.draw_artist(plot.cursor)
        old_star = self.star_box
        star = self.star_box = self.box(plot.best_line.get_xydata()) if changed is not None else old_star
        moved = [star, old_star] if star != old_star else []
        boxes = [axes.bbox] if whole or plot.cursor.get_visible() else [
            box for box in (changed, *moved) if box is not None]
        if boxes:
            from matplotlib.transforms import Bbox

            box = Bbox.intersection(Bbox.union(boxes), axes.bbox) or axes.bbox
            # update(), not matplotlib's blit(), which calls repaint(): Qt then composes and flushes the area
            # from the event loop, without holding the GIL, instead of making the trainer thread wait for it.
            left, bottom, width, height = (int(v / canvas.device_pixel_ratio) for v in box.bounds)
            canvas.update(left, canvas.rect().height() - bottom - height - 1, width + 2, height + 2)
            self.frame_count += 1
        return True

    def box(self, xy: Any, pad: float = MARKER_PAD_PX) -> Any:
        """Display-space box around data points, padded for markers and line width; None for no points."""
        from matplotlib.transforms import Bbox

        if not len(xy):
            return None
        points = self.plot.axes.transData.transform(xy)
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        return Bbox([[x0 - pad, y0 - pad], [x1 + pad, y1 + pad]])

    def _draw_new_segments(self) -> Any:
        """Draw the points added since the last picture; the display box they cover, or None if none."""
        plot, axes = self.plot, self.plot.axes
        run = plot.current
        if run is None or (len(run.train_y), len(run.val_y)) == self.drawn:
            return None
        mode, (n_train, n_val) = plot.x_mode, self.drawn
        start = max(0, n_train - 1)  # from the last point drawn, so that the segments join
        x = run.x("train", mode)[start:]
        raw, smooth, val = self.pens
        raw.set_data(x, run.train_y[start:])
        smooth.set_data(x, run.smoothed[start:])
        axes.draw_artist(raw)
        axes.draw_artist(smooth)
        points = [*zip(x, run.train_y[start:]), *zip(x, run.smoothed[start:])]
        val_x = run.x("val", mode)
        if val_x and (len(val_x) > n_val or (x and x[0] <= val_x[-1])):  # new val points, or train segments
            first = max(0, min(n_val, len(val_x)) - 1)                    # over the last marker: draw it again
            val.set_data(val_x[first:], run.val_y[first:])
            axes.draw_artist(val)
            points += list(zip(val_x[first:], run.val_y[first:]))
        self.drawn = (len(run.train_y), len(run.val_y))
        return self.box(points)

    def _save(self) -> None:
        self.background = self.plot.canvas.copy_from_bbox(self.plot.axes.bbox)
        self.bounds = self.plot.figure().bbox.bounds


def blend(color: str, background: str, amount: float) -> str:
    """`color` mixed with `background`: amount 1 is the colour, 0 the background."""
    from matplotlib.colors import to_hex, to_rgb

    return to_hex([amount * c + (1 - amount) * b for c, b in zip(to_rgb(color), to_rgb(background))])


def fixed_margins(figure: Any, axes: Any) -> None:
    """Margins in font heights, whatever the canvas size (room for tick labels and axis labels). Cheaper
    than constrained layout, which would measure every tick label on every full redraw."""
    from matplotlib import rcParams

    width, height = figure.bbox.width, figure.bbox.height
    if width < 50 or height < 50:
        return
    em = rcParams["font.size"] * figure.dpi / 72  # one font height in pixels
    left, right = min(0.3, 5.2 * em / width), min(0.1, 1.4 * em / width)
    bottom, top = min(0.4, 3.4 * em / height), min(0.1, 0.8 * em / height)
    axes.set_position([left, bottom, 1 - left - right, 1 - bottom - top])


def style_x_axis(axes: Any, mode: str) -> None:
    """Label and tick format of the x axis for "steps", "tokens" (1.2M) or "time" (m:ss)."""
    from matplotlib.ticker import EngFormatter, FuncFormatter

    from gui.common.plot_canvas import decimal_point_text, locale_scalar_formatter

    labels = {"steps": translate("TrainingTab", "optimizer step"),
              "tokens": translate("TrainingTab", "tokens seen"),
              "time": translate("TrainingTab", "training time (min:s, pauses excluded)")}
    axes.set_xlabel(labels[mode])
    engineering = EngFormatter(sep="")
    formatter = {"steps": locale_scalar_formatter()(),
                 "tokens": FuncFormatter(lambda v, pos: decimal_point_text(engineering(v, pos))),
                 "time": FuncFormatter(lambda v, _pos: format_seconds(v))}[mode]
    axes.xaxis.set_major_formatter(formatter)


def style_y_axis(axes: Any, log: bool) -> None:
    """Linear or log y, with plain tick labels (3, 2.5 rather than 3×10⁰)."""
    from matplotlib.ticker import FuncFormatter

    from gui.common.plot_canvas import decimal_point_text

    axes.set_yscale("log" if log else "linear")
    plain = FuncFormatter(lambda v, _pos: decimal_point_text(f"{v:.3g}"))
    axes.yaxis.set_major_formatter(plain)
    axes.yaxis.set_minor_formatter(plain if log else FuncFormatter(lambda v, _pos: ""))
