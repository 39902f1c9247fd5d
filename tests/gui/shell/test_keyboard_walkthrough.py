"""A keyboard-only walk through the whole window, on a tiny model and corpus.

Only key events are sent (QTest.keyClick on the focused widget): Ctrl+Tab / Ctrl+PgDown switch
tabs, Tab walks each tab's controls and comes back around, Ctrl+E opens the Export menu and
Escape closes it, Space opens and closes the help panel, Alt+V opens the View menu to switch the
language and back, Ctrl+= / Ctrl+0 zoom. Where a tab's widget traps Tab or cannot be reached,
the assertion is an xfail naming the widget (the tabs are fixed in their own modules).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QMenu,
    QMessageBox,
    QWidget,
)

from core.corpus import read_corpus
from gui.shell.main_window import MainWindow
from tests.tiny_models import TINY_TEXT, make_tiny_gpt2

TIMEOUT = 60_000
MAX_TABS = 400  # Tab presses before giving up on coming back around
TRAP_PRESSES = 4  # a widget that keeps the focus this many Tabs in a row swallows Tab


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path, gpt2_dir):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: None)
    win = MainWindow()
    qtbot.addWidget(win)
    win.training_tab.runs_root = tmp_path / "runs"
    win.resize(1280, 860)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    corpus = tmp_path / "tiny.txt"
    corpus.write_text(TINY_TEXT * 4, encoding="utf-8")
    win.session.set_corpus(read_corpus(corpus))
    with qtbot.waitSignal(win.session.model_changed, timeout=TIMEOUT):
        win.open_model(gpt2_dir)
    qtbot.waitUntil(lambda: not win.session.busy, timeout=TIMEOUT)
    yield win
    win.close()
    win.languages.set_language("en")
    QCoreApplication.processEvents()


# --- keys ------------------------------------------------------------------------------------------
def focused(window: MainWindow) -> QWidget:
    return QApplication.focusWidget() or window


def press(window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """One key press on whatever has the focus (a menu when one is open), like a user's keyboard."""
    target = QApplication.activePopupWidget() or focused(window)
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def name_of(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def reachable_controls(page: QWidget) -> list[QWidget]:
    """Enabled, visible widgets of `page` that Tab should reach (not the inner editors of spin boxes
    and combo boxes, which take the focus through their owner)."""
    found = []
    for widget in page.findChildren(QWidget):
        if not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isEnabled():
            continue
        if not widget.isVisibleTo(page) or not widget.isVisible() or widget.focusProxy() is not None:
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not page:
            if isinstance(parent, (QAbstractSpinBox, QComboBox)) or (
                    isinstance(parent, QAbstractItemView) and widget is not parent):
                inner = True
                break
            parent = parent.parentWidget()
        if not inner:
            found.append(widget)
    return found


def walk_with_tab(window: MainWindow, qtbot) -> tuple[list[QWidget], list[QWidget]]:
    """Press Tab until the focus comes back to where it started; returns (focus sequence, trapping widgets)."""
    start = focused(window)
    sequence, traps, run = [start], [], 0
    for _ in range(MAX_TABS):
        press(window, Qt.Key.Key_Tab)
        now = focused(window)
        if now is sequence[-1]:
            run += 1
            if run >= TRAP_PRESSES and now not in traps:
                traps.append(now)
                now.clearFocus()  # step past it, as a user would with the mouse
                window.tabs.tabBar().setFocus()
                now = focused(window)
        else:
            run = 0
        sequence.append(now)
        if now is start and len(sequence) > 2:
            break
    return sequence, traps


def tab_to(window: MainWindow, target: QWidget, limit: int = MAX_TABS) -> bool:
    """Press Tab until `target` has the focus; False if it never does."""
    for _ in range(limit):
        if focused(window) is target:
            return True
        press(window, Qt.Key.Key_Tab)
    return focused(window) is target


def later(qtbot, action) -> list:
    """Run `action()` once the next modal loop (a menu's exec) is running; returns where its result lands."""
    from PySide6.QtCore import QTimer

    results: list = []
    QTimer.singleShot(150, lambda: results.append(action()))
    return results


# Widgets that the tabs' own modules do not yet put in the Tab chain, by tab. The walk xfails when
# only these are missing and fails on anything else; once a tab is fixed its test simply passes.
KNOWN_UNREACHED: dict[str, set[str]] = {}
KNOWN_TRAPS: dict[str, set[str]] = {}
# Alt+letter of a menu (File, View, Help) taken by a label of the tab ("&View:" -> Alt+V), by tab.
KNOWN_MNEMONIC_CLASHES: dict[str, set[str]] = {}


# --- tabs --------------------------------------------------------------------------------------------
def test_ctrl_tab_ctrl_page_and_arrows_switch_tabs(window, qtbot):
    bar = window.tabs.tabBar()
    window.tabs.setCurrentIndex(0)
    assert tab_to(window, bar), "Tab never reaches the main tab bar"
    visited = []
    for _ in range(4):  # Ctrl+Tab goes round the four tabs
        press(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        visited.append(window.tabs.currentIndex())
    assert visited == [1, 2, 3, 0]
    press(window, Qt.Key.Key_Right)  # the focused tab bar follows the arrow keys
    assert window.tabs.currentIndex() == 1
    press(window, Qt.Key.Key_Left)
    assert window.tabs.currentIndex() == 0
    # From inside a text box too: Ctrl+PgDown / Ctrl+PgUp are not typed into the text.
    text_box = window.tokenization_tab.findChild(QWidget, "tokenInput")
    assert tab_to(window, text_box)
    typed = text_box.toPlainText()
    press(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    press(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    assert tab_to(window, text_box)
    press(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    press(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentIndex() == 0
    assert text_box.toPlainText() == typed


@pytest.mark.parametrize("index", range(4))
def test_tab_walks_every_control_of_a_tab_and_comes_back(window, qtbot, index):
    bar = window.tabs.tabBar()
    assert tab_to(window, bar)
    for _ in range(index):
        press(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == index
    page = window.tabs.currentWidget()
    qtbot.wait(200)  # the tab's debounced work starts and lays out its controls
    sequence, traps = walk_with_tab(window, qtbot)
    assert sequence[-1] is sequence[0], f"Tab did not come back around: {[name_of(w) for w in sequence[-5:]]}"
    assert len(set(sequence)) > 5  # it went through the tab, not only the tab bar
    missing = {widget.objectName() or name_of(widget) for widget in reachable_controls(page)
               if widget not in sequence}
    trapped = {widget.objectName() or name_of(widget) for widget in traps}
    known_missing = KNOWN_UNREACHED.get(page.objectName(), set())
    known_traps = KNOWN_TRAPS.get(page.objectName(), set())
    assert missing <= known_missing, f"{page.objectName()}: Tab never reaches {sorted(missing - known_missing)}"
    assert trapped <= known_traps, f"{page.objectName()}: {sorted(trapped - known_traps)} keep the focus on Tab"
    if missing or trapped:
        pytest.xfail(f"{page.objectName()} (owned by its tab's module): Tab never reaches {sorted(missing)}; "
                     f"traps Tab: {sorted(trapped)}")


@pytest.mark.parametrize("index", range(4))
def test_alt_letters_open_the_menus_from_every_tab(window, qtbot, index):
    assert tab_to(window, window.tabs.tabBar())
    for _ in range(index):
        press(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    page = window.tabs.currentWidget()
    clashes = set()
    for menu in (window.menus.file_menu, window.menus.view_menu, window.menus.help_menu):
        window.tabs.tabBar().setFocus()
        press(window, mnemonic(menu.title()), Qt.KeyboardModifier.AltModifier)
        if QApplication.activePopupWidget() is not menu:
            clashes.add(menu.title())
        while QApplication.activePopupWidget() is not None:
            press(window, Qt.Key.Key_Escape)
    known = KNOWN_MNEMONIC_CLASHES.get(page.objectName(), set())
    assert clashes <= known, f"{page.objectName()}: a label of the tab takes Alt+ of {sorted(clashes - known)}"
    if clashes:
        pytest.xfail(f"{page.objectName()} (owned by its tab's module): its labels take the Alt+letter of the "
                     f"menus {sorted(clashes)}")


# --- menus, help, language, zoom -------------------------------------------------------------------------
def test_ctrl_e_opens_the_export_menu_and_escape_closes_it(window, qtbot):
    window.tabs.setCurrentIndex(0)
    assert tab_to(window, window.tabs.tabBar())

    def look_and_close():
        menu = QApplication.activePopupWidget()
        texts = [action.text() for action in menu.actions()] if isinstance(menu, QMenu) else []
        press(window, Qt.Key.Key_Escape)
        return texts

    seen = later(qtbot, look_and_close)
    press(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # returns once the menu is closed
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] and any("image (PNG or SVG)" in text for text in seen[0])
    assert QApplication.activePopupWidget() is None
    assert window.menus.export is window.export_action
    assert window.export_action in window.menus.file_menu.actions()


def test_space_opens_and_closes_the_help_panel(window, qtbot):
    window.tabs.setCurrentIndex(1)
    panel = window.help_panels["attention"]
    assert tab_to(window, panel.toggle), "Tab never reaches “What am I looking at?”"
    press(window, Qt.Key.Key_Space)
    assert panel.is_expanded() and panel.browser.isVisible()
    assert "the upper-right triangle is empty" in " ".join(panel.text().split())
    press(window, Qt.Key.Key_Space)
    assert not panel.is_expanded() and not panel.browser.isVisible()


def choose_in_menu(window: MainWindow, qtbot, text: str) -> None:
    """Move down the open menu with the arrow keys to the entry `text` and press Return."""
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    for _ in range(len(menu.actions()) + 1):
        if menu.activeAction() is not None and menu.activeAction().text() == text:
            break
        press(window, Qt.Key.Key_Down)
    assert menu.activeAction() is not None and menu.activeAction().text() == text
    press(window, Qt.Key.Key_Return)


def mnemonic(title: str) -> Qt.Key:
    """The letter key of a menu title's mnemonic: "&View" -> V, "E&xibir" -> X."""
    return Qt.Key(QKeySequence.mnemonic(title)[0].key())


def switch_language_with_keys(window: MainWindow, qtbot, language: str) -> None:
    """Alt+V (View, or its mnemonic in the current language), L (Language), arrows to the language, Return."""
    assert tab_to(window, window.tabs.tabBar())
    press(window, mnemonic(window.menus.view_menu.title()), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.menus.view_menu)
    press(window, mnemonic(window.menus.language_menu.title()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.menus.language_menu)
    choose_in_menu(window, qtbot, window.menus.language_actions[language].text())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    QCoreApplication.processEvents()


def test_the_view_menu_switches_the_language_and_back_with_keys(window, qtbot):
    from gui.common.translations import translations_dir

    if not (translations_dir() / "lm_anatomy_pt_BR.qm").exists():
        pytest.skip("no compiled pt_BR catalogue")
    window.tabs.setCurrentIndex(2)  # a tab without an Alt+V of its own
    assert mnemonic(window.menus.view_menu.title()) == Qt.Key.Key_V
    switch_language_with_keys(window, qtbot, "pt_BR")
    assert window.languages.language == "pt_BR" and window.menus.language_actions["pt_BR"].isChecked()
    assert window.menus.file_menu.title() != "&File"
    assert window.tabs.tabText(2) != "3. Training"
    switch_language_with_keys(window, qtbot, "en")
    assert window.languages.language == "en"
    assert window.menus.file_menu.title() == "&File" and window.tabs.tabText(2) == "3. Training"


def test_ctrl_plus_and_ctrl_0_zoom(window, qtbot):
    assert tab_to(window, window.tabs.tabBar())
    press(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom > 1.0
    press(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    press(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom < 1.0
    press(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom == pytest.approx(1.0)
