"""Projector zoom, themes, drag and drop, shortcuts and persisted view settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.common.plot_canvas import LazyPlot
from gui.common.settings import AppSettings
from gui.shell.main_window import MainWindow
from tests.tiny_models import make_tiny_gpt2


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.reset_zoom()
    win.set_theme("system")
    win.close()


def test_zoom_scales_qt_font_and_plots_together(window, qtbot):
    plot = LazyPlot("test plot")
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    figure = plot.figure()
    base_font = QApplication.font().pointSizeF()
    base_dpi = plot.effective_dpi()
    window.zoom_in()
    window.zoom_in()
    zoom = window.appearance.zoom
    assert zoom > 1.2
    assert QApplication.font().pointSizeF() == pytest.approx(base_font * zoom, rel=0.01)
    assert plot.effective_dpi() == pytest.approx(base_dpi * zoom)
    assert figure._original_dpi == pytest.approx(100 * zoom)
    # the figure keeps the widget's pixel size: inches shrink as the DPI grows
    width_px = figure.get_figwidth() * figure.dpi
    assert width_px == pytest.approx(plot.canvas.width() * plot.canvas.devicePixelRatioF(), rel=0.02)
    assert AppSettings().zoom() == pytest.approx(zoom)
    window.reset_zoom()
    assert QApplication.font().pointSizeF() == pytest.approx(base_font, rel=0.01)
    assert plot.effective_dpi() == pytest.approx(base_dpi)


def test_zoom_persists_into_a_new_window(window, qtbot):
    window.zoom_in()
    zoom = window.appearance.zoom
    window.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.appearance.zoom == pytest.approx(zoom)
    second.reset_zoom()


@pytest.mark.parametrize(("theme", "dark"), [("dark", True), ("high-contrast", True), ("light", False)])
def test_theme_changes_palette_and_persists(window, theme, dark):
    window.set_theme(theme)
    lightness = QApplication.palette().color(QPalette.ColorRole.Window).lightness()
    assert (lightness < 128) is dark
    assert AppSettings().theme() == theme
    assert window.menus.theme_actions[theme].isChecked()


def test_high_contrast_is_black_and_white(window):
    window.set_theme("high-contrast")
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == "#000000"
    assert palette.color(QPalette.ColorRole.WindowText).name() == "#ffffff"


def _drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def test_dropped_text_file_opens_as_corpus(window, qtbot, tmp_path):
    path = tmp_path / "dropped.txt"
    path.write_text("um texto solto, arrastado para a janela", encoding="utf-8")
    with qtbot.waitSignal(window.session.corpus_changed, timeout=30_000) as blocker:
        event = _drop(window, path)
    assert event.isAccepted()
    assert blocker.args[0].name == "dropped.txt"
    assert AppSettings().recent_corpora()[0] == str(path)
    assert str(path) in [a.text() for a in window.menus.recent_corpora.actions()]


def test_dropped_folder_loads_as_model(window, qtbot, tmp_path):
    folder = make_tiny_gpt2(tmp_path / "dropped-model")
    with qtbot.waitSignal(window.session.model_changed, timeout=60_000) as blocker:
        _drop(window, folder)
    assert blocker.args[0].source == str(folder)


def test_shortcuts_are_standard_and_listed(window, monkeypatch):
    from gui.shell.shortcuts_dialog import ShortcutsDialog, collect_shortcuts

    keys = {label: key for label, key in collect_shortcuts(window)}
    assert keys["Open corpus"] == "Ctrl+O"
    assert keys["Quit"] == "Ctrl+Q"
    assert keys["Full screen"] == "F11"
    full_screen_keys = [key for label, key in collect_shortcuts(window) if label == "Full screen"]
    assert [key for key in full_screen_keys if key != "F11"] == [
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen) if sequence.toString() != "F11"]
    assert keys["Normal size"] == "Ctrl+0"
    assert "Ctrl+=" in [key for label, key in collect_shortcuts(window) if label == "Zoom in"]
    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self.table.rowCount()) or 0)
    window.show_shortcuts()
    assert shown[0] >= 8


def test_f11_puts_the_window_in_full_screen_and_back(window, qtbot):
    """Checked through what the platform reports for the window, and what it covers: the whole screen."""
    from PySide6.QtGui import QWindow

    qtbot.waitExposed(window)
    handle, screen = window.windowHandle(), window.screen().geometry()
    normal = window.geometry()
    assert handle.visibility() == QWindow.Visibility.Windowed and normal != screen
    assert not window.menus.full_screen.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: handle.visibility() == QWindow.Visibility.FullScreen)
    assert handle.windowStates() & Qt.WindowState.WindowFullScreen
    qtbot.waitUntil(lambda: window.geometry() == screen)
    assert window.menus.full_screen.isChecked()  # the View menu shows the state
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: handle.visibility() == QWindow.Visibility.Windowed)
    assert not handle.windowStates() & Qt.WindowState.WindowFullScreen
    qtbot.waitUntil(lambda: window.geometry() == normal)
    assert not window.menus.full_screen.isChecked()
    window.menus.full_screen.trigger()  # View > Full screen does the same
    qtbot.waitUntil(lambda: handle.visibility() == QWindow.Visibility.FullScreen)
    window.menus.full_screen.trigger()
    qtbot.waitUntil(lambda: handle.visibility() == QWindow.Visibility.Windowed)
