"""Shared classroom pieces: core messages in the user's language, numbers in the language's
format, the uniform Export menu, and remembered help panels and sampling settings."""

from __future__ import annotations

import csv

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError, message_of
from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal, locale_for, percent
from gui.common.settings import AppSettings
from gui.common.tab_exports import FigureExport, TabExportButton, TableExport, export_item


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return self.table.get(source) if context == "CoreMessages" else None

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def test_a_core_message_is_english_as_a_string_and_translated_in_the_gui(qapp):
    reason = Message(QT_TRANSLATE_NOOP("CoreMessages", "the file is empty"))
    error = MessageError(Message(QT_TRANSLATE_NOOP("CoreMessages", "Cannot open {name}: {reason}."),
                                 {"name": "a.txt", "reason": reason}))
    assert str(error) == "Cannot open a.txt: the file is empty."
    assert message_of(error) is error.message
    translator = DictTranslator({"Cannot open {name}: {reason}.": "Não foi possível abrir {name}: {reason}.",
                                 "the file is empty": "o arquivo está vazio"})
    QApplication.installTranslator(translator)
    try:
        assert localized(error) == "Não foi possível abrir a.txt: o arquivo está vazio."
        assert localized(ValueError("plain")) == "plain"  # not a Message: shown as it is
    finally:
        QApplication.removeTranslator(translator)
    assert localized(error) == "Cannot open a.txt: the file is empty."


def test_a_broken_translation_falls_back_to_english(qapp):
    translator = DictTranslator({"{count} tokens": "{cuont} tokens"})
    QApplication.installTranslator(translator)
    try:
        assert localized(Message("{count} tokens", {"count": 3})) == "3 tokens"
    finally:
        QApplication.removeTranslator(translator)


def test_numbers_follow_the_language(qapp):
    QLocale.setDefault(locale_for("pt_BR"))
    assert (count(466006), decimal(1234.567, 2), percent(0.022)) == ("466.006", "1.234,57", "2,2%")
    QLocale.setDefault(locale_for("en"))
    assert (count(466006), decimal(1234.567, 2), percent(0.022)) == ("466,006", "1,234.57", "2.2%")


def test_switching_the_window_to_portuguese_switches_number_format(qtbot):
    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.set_language("pt_BR")
    assert count(1000) == "1.000"
    window.set_language("en")
    assert count(1000) == "1,000"
    window.close()


class FakePlot:
    def __init__(self) -> None:
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=(3, 2))
        self.fig.add_subplot().plot([0, 1, 2], [3, 1, 2])


class TabWithExports(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.plot = FakePlot()
        self.rows: list[list] | None = None

    def export_items(self):
        return [FigureExport(lambda: "Loss", lambda: self.plot.fig, "loss"),
                TableExport(lambda: "Merges", lambda: (["a", "b"], self.rows) if self.rows else None, "merges",
                            ready=lambda: bool(self.rows))]


def test_export_items_write_png_svg_and_csv(qtbot, tmp_path):
    tab = TabWithExports()
    qtbot.addWidget(tab)
    figure_item, table_item = tab.export_items()
    png = export_item(figure_item, tmp_path / "loss.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = export_item(figure_item, tmp_path / "loss.svg")
    assert "<svg" in svg.read_text(encoding="utf-8")
    assert export_item(table_item, tmp_path / "empty.csv") is None
    assert not (tmp_path / "empty.csv").exists()
    tab.rows = [["␣", 1.5], ["ção", 2]]
    path = export_item(table_item, tmp_path / "merges.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [["a", "b"], ["␣", "1.5"], ["ção", "2"]]


def test_the_export_menu_lists_the_tab_items_and_greys_out_empty_ones(qtbot, tmp_path, monkeypatch):
    tab = TabWithExports()
    button = TabExportButton(tab)
    qtbot.addWidget(button)
    button._fill_menu()
    actions = button.menu().actions()
    assert [action.text() for action in actions] == ["Loss: image (PNG or SVG)…", "Merges: table (CSV)…"]
    assert [action.isEnabled() for action in actions] == [True, False]
    target = tmp_path / "chosen"  # no suffix: the chosen filter's suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "SVG image (*.svg)"))
    actions[0].trigger()
    assert button.last_saved == tmp_path / "chosen.svg"
    assert (tmp_path / "chosen.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert AppSettings().last_dir(AppSettings.LAST_EXPORT_DIR) == str(tmp_path)


def test_every_tab_has_one_export_button_on_its_title_row(qtbot):
    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert set(window.export_buttons) == {"tokenization", "attention", "training", "sampling"}
    for topic, button in window.export_buttons.items():
        panel = window.help_panels[topic]
        assert button.parent() is panel
        assert panel.row.indexOf(button) == panel.row.indexOf(panel.toggle) - 1  # just left of the help toggle
        assert button.accessibleName() == "Export plots and tables"
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert "Ctrl+S" in [key.toString() for key in window.export_action.shortcuts()]
    window.close()


def test_help_panels_reopen_as_they_were_left(qtbot):
    from gui.shell.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.help_panels["attention"].set_expanded(True)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.help_panels["attention"].is_expanded()
    assert not second.help_panels["training"].is_expanded()
    second.help_panels["attention"].set_expanded(False)
    assert not AppSettings().help_expanded("attention")
    second.close()


def test_sampling_settings_round_trip_and_survive_a_broken_value(qapp):
    settings = AppSettings()
    assert settings.sampling_settings() == {}
    settings.set_sampling_settings({"temperature": 0.7, "top_k": 40})
    assert AppSettings().sampling_settings() == {"temperature": 0.7, "top_k": 40}
    settings._store.setValue(AppSettings.SAMPLING, "{not json")
    assert AppSettings().sampling_settings() == {}


def test_spin_boxes_already_shown_follow_the_language(qtbot):
    from PySide6.QtWidgets import QDoubleSpinBox

    from gui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    spins = [spin for spin in window.findChildren(QDoubleSpinBox) if 0 < spin.decimals() <= 4  # fixed-point ones
             and not (spin.specialValueText() and spin.value() == spin.minimum())]  # not showing a word ("off")
    assert spins
    window.set_language("pt_BR")
    QApplication.processEvents()  # the LanguageChange events
    assert all("," in spin.text() and "." not in spin.text() for spin in spins if abs(spin.value()) < 1000)
    window.set_language("en")
    QApplication.processEvents()
    assert all("," not in spin.text() for spin in spins if abs(spin.value()) < 1000)
    window.close()


def test_plot_tick_labels_use_the_language_decimal_point(qtbot):
    from gui.common.plot_canvas import LazyPlot, style_axes

    plot = LazyPlot("ticks")
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    axes = plot.figure().add_subplot()
    axes.plot([0.0, 0.5, 1.0], [0.0, 0.25, 1.0])
    axes.set_yscale("log")
    axes.set_yscale("linear")
    style_axes(axes, "#ffffff", "#000000")
    categorical = plot.figure().add_subplot(2, 1, 2)
    categorical.bar(["a.b", "c"], [1, 2])  # text ticks keep their dots
    style_axes(categorical, "#ffffff", "#000000")

    def tick_texts(axis):
        plot.canvas.draw()
        return [label.get_text() for label in axis.get_ticklabels() if label.get_text()]

    assert "0.2" in tick_texts(axes.xaxis)
    QLocale.setDefault(locale_for("pt_BR"))
    assert "0,2" in tick_texts(axes.xaxis) and "0,2" in tick_texts(axes.yaxis)
    assert not any("." in text for text in tick_texts(axes.xaxis))
    assert tick_texts(categorical.xaxis) == ["a.b", "c"]
    QLocale.setDefault(locale_for("en"))
    assert "0.2" in tick_texts(axes.yaxis)


def test_opening_the_menu_asks_ready_instead_of_building_a_figure(qtbot):
    built = []

    class TabWithCopies(QWidget):
        def export_items(self):
            return [FigureExport(lambda: "Copy", lambda: built.append(1) or FakePlot().fig, "copy", ready=lambda: True),
                    FigureExport(lambda: "Not yet", lambda: built.append(1), "later", ready=lambda: False)]

    button = TabExportButton(TabWithCopies())
    qtbot.addWidget(button)
    button._fill_menu()
    assert [action.isEnabled() for action in button.menu().actions()] == [True, False]
    assert built == []  # no figure was made just to open the menu
