"""Quick redraws for the Attention tab's plots: lay a figure out once, then repaint only what changed.

A full matplotlib draw of a heatmap with 64 tokens spends most of its time measuring tick labels
for the constrained layout (about 200 ms for 128 labels). Switching the head changes none of
them: only the image, the title and the outlines. So `QuickRedraw`

- runs the figure's constrained layout on the first full draw after `relayout()` (new tokens, a
  resize, a new zoom, colours or language), then switches the layout engine off so that later
  full draws keep those positions;
- leaves the changing artists out of full draws (matplotlib's `animated=True`), saves the drawn
  background, and on `redraw()` restores it, draws just those artists on top and blits them.

Exports must see every artist: `for_export()` turns the artists back into ordinary ones (the
next redraw is then a full one).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from gui.common.plot_canvas import LazyPlot


class QuickRedraw:
    """Blitting of a few `artists` over a saved background, with the layout computed once.

    `canvas` is a matplotlib Qt canvas whose figure uses the constrained layout.
    """

    def __init__(self, canvas: Any, artists: list[Any] | None = None) -> None:
        self.canvas = canvas
        self.figure = canvas.figure
        self.artists: list[Any] = []
        self.animating = False  # the artists are left out of full draws and drawn over the background
        self.background: Any = None  # the canvas pixels without the artists, after the last full draw
        self.full_draws = 0  # full draws seen (tests and the bench check that a head switch makes none)
        self.layouts = 0  # of which ran the constrained layout
        self._laid_out = False
        self.set_artists(artists or [])
        canvas.mpl_connect("draw_event", self._on_draw)
        canvas.mpl_connect("resize_event", lambda _event: self.relayout())

    def set_artists(self, artists: list[Any]) -> None:
        """The artists repainted by `redraw()` (the previous ones become ordinary artists again)."""
        for artist in self.artists:
            artist.set_animated(False)
        self.artists = list(artists)
        for artist in self.artists:
            artist.set_animated(self.animating)
        self.background = None

    def _animate(self, on: bool) -> None:
        self.animating = on
        for artist in self.artists:
            artist.set_animated(on)

    def relayout(self) -> None:
        """Lay the figure out again on the next full draw (sizes of labels or of the canvas changed)."""
        if self._laid_out:
            self.figure.set_layout_engine("constrained")
            self._laid_out = False
        self.background = None

    def invalidate(self) -> None:
        """Something outside the artists changed (colours, colour scale): the next redraw is a full one."""
        self.background = None

    def can_blit(self) -> bool:
        return self.background is not None and self.animating

    def redraw(self) -> bool:
        """Repaint the artists over the saved background and blit; False when a full draw is needed instead."""
        if not self.can_blit():
            self._animate(True)
            return False
        self.canvas.restore_region(self.background)
        for artist in self.artists:
            self.figure.draw_artist(artist)
        self.canvas.blit(self.figure.bbox)
        return True

    def for_export(self) -> Any:
        """The figure with every artist drawn normally (savefig skips animated ones)."""
        self._animate(False)
        self.background = None
        return self.figure

    def _on_draw(self, event: Any) -> None:
        """After a full draw on screen: keep the layout, save the background, draw the artists on top."""
        if event.canvas is not self.canvas or not self.animating:
            return  # an export (another canvas), or the artists are drawn as ordinary ones
        self.full_draws += 1
        if not self._laid_out:
            self.layouts += 1
            self.figure.set_layout_engine("none")  # keep the positions just computed
            self._laid_out = True
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self.artists:
            self.figure.draw_artist(artist)


class QuickPlot(LazyPlot):
    """A plot that, once it has a `QuickRedraw` (`self.quick`), redraws by blitting its changing artists."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None, min_height: int = 220) -> None:
        super().__init__(accessible_name, parent, min_height)
        self.quick: QuickRedraw | None = None

    def _layout_changed(self) -> None:
        """Labels, ticks or the colour scale changed size: lay the figure out again on the next draw."""
        if self.quick is not None:
            self.quick.relayout()

    def apply_palette(self) -> None:
        super().apply_palette()
        if self.quick is not None:
            self.quick.invalidate()

    def apply_scale(self) -> None:
        super().apply_scale()
        self._layout_changed()

    def draw_now(self) -> None:
        """Repaint only the changing artists when nothing else changed; else draw everything."""
        if self.quick is not None and self.quick.redraw():
            self.draw_count += 1
        else:
            super().draw_now()

    def export_figure(self) -> Any:
        """The figure, ready to be saved (every artist drawn), or None before the first data."""
        if not self._has_data():
            return None
        if self.quick is None:
            return self.figure()
        figure = self.quick.for_export()
        self.request_draw()  # the screen goes back to quick redraws after one full draw
        return figure

    def _has_data(self) -> bool:
        raise NotImplementedError
