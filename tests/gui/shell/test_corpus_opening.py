"""Opening corpus files in the window: compressed files, the encoding question, the mojibake repair offer, the
choices remembered per file, and bad files that leave the app and the current corpus as they were."""

from __future__ import annotations

import gzip
import lzma
import zipfile

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from gui.common.settings import AppSettings
from gui.shell.corpus_dialogs import EncodingDialog, RepairDialog, preview_lines
from gui.shell.corpus_opening import settings_key
from gui.shell.main_window import MainWindow

PORTUGUESE = "Não há ação sem emoção — disse a professora.\n“Qual é a diferença?”, perguntou.\n" * 30
# UTF-8 read as Windows-1252 once too often ("NÃ£o hÃ¡ aÃ§Ã£o…"), the byte 0x9D it lacks kept as a control character
GARBLED = PORTUGUESE.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "\x9d")


@pytest.fixture
def warnings(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture
def window(qtbot, warnings):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.session.use_builtin_corpus()
    yield win
    win.close()


class Answers:
    """Stands in for a person at the dialogs: records each one shown and answers it."""

    def __init__(self, monkeypatch, encoding: str | None = None, repair: bool | None = None) -> None:
        self.encoding, self.repair = encoding, repair
        self.asked: list[tuple[str, object]] = []
        monkeypatch.setattr(EncodingDialog, "exec", lambda dialog: self._encoding(dialog))
        monkeypatch.setattr(RepairDialog, "exec", lambda dialog: self._repair(dialog))

    def _encoding(self, dialog: EncodingDialog) -> int:
        self.asked.append(("encoding", dialog.encoding()))
        if self.encoding is None:
            return QDialog.DialogCode.Rejected
        dialog.select(self.encoding)
        return QDialog.DialogCode.Accepted

    def _repair(self, dialog: RepairDialog) -> int:
        self.asked.append(("repair", dialog.example_rows()))
        return QDialog.DialogCode.Accepted if self.repair else QDialog.DialogCode.Rejected


def open_and_wait(qtbot, window, path):
    with qtbot.waitSignal(window.session.corpus_changed, timeout=30_000) as blocker:
        window.open_corpus(path)
    qtbot.waitUntil(lambda: not window.session.busy)
    return blocker.args[0]


# --- the dialogs on their own --------------------------------------------------------------------------------


def test_the_encoding_dialog_previews_the_accented_lines_in_each_encoding(qtbot):
    sample = ("plain ASCII line\n" * 3 + PORTUGUESE[:200]).encode("cp1252")
    dialog = EncodingDialog("aula.txt", sample, "cp1252", "cp1252")
    qtbot.addWidget(dialog)
    labels = [dialog.choice.itemText(i) for i in range(dialog.choice.count())]
    assert labels == ["Windows-1252 (detected)", "UTF-8", "Latin-1 (ISO-8859-1)", "UTF-16"]
    assert dialog.encoding() == "cp1252"
    assert dialog.preview.toPlainText().startswith("Não há ação sem emoção — disse a professora.")
    assert "plain ASCII" not in dialog.preview.toPlainText()  # only the lines where encodings differ
    assert dialog.note.text() == "Every byte of the preview reads as Windows-1252."
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "&Read as Windows-1252"
    assert "is not UTF-8. charset-normalizer detected Windows-1252" in dialog.findChild(object, "encodingIntro").text()
    dialog.select("utf-8")
    assert "N\ufffdo h\ufffd a\ufffd\ufffdo" in dialog.preview.toPlainText()
    assert dialog.note.text().endswith("characters cannot be read as UTF-8; they show as �.")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "&Read as UTF-8"
    dialog.select("latin-1")
    assert dialog.encoding() == "latin-1" and "\x97" in dialog.preview.toPlainText()  # "—" is not Latin-1
    with pytest.raises(ValueError):
        dialog.select("cp1251")


def test_preview_lines_fall_back_to_the_first_lines_of_plain_ascii():
    assert preview_lines(b"one\n\ntwo\n", "utf-8") == ("one\ntwo", 0)
    assert preview_lines(b"\xe9t\xe9\n", "utf-8") == ("\ufffdt\ufffd", 2)


def test_the_repair_dialog_shows_the_count_and_before_after_examples(qtbot):
    from core.text_repair import TextRepairs, repair_text

    repairs = TextRepairs()
    repair_text(GARBLED, repairs, apply=False)
    dialog = RepairDialog("copiado.txt", repairs)
    qtbot.addWidget(dialog)
    rows = dialog.example_rows()
    assert rows == repairs.examples and len(rows) == 2
    assert rows[0] == ("NÃ£o hÃ¡ aÃ§Ã£o sem emoÃ§Ã£o â€” disse a professora.",
                       "Não há ação sem emoção — disse a professora.")
    intro = dialog.findChild(object, "repairIntro").text()
    assert f"ftfy can repair it: {repairs.characters:,} characters on 60 lines would change" in intro
    assert dialog.repair_button.isDefault()


# --- opening files in the window -----------------------------------------------------------------------------


@pytest.mark.parametrize("name, data", [
    ("aula.txt.xz", lzma.compress(PORTUGUESE.encode())),
    ("aula.txt.gz", gzip.compress(PORTUGUESE.encode())),
])
def test_a_compressed_corpus_opens_and_the_summary_says_so(window, qtbot, tmp_path, monkeypatch, name, data):
    answers = Answers(monkeypatch)
    path = tmp_path / name
    path.write_bytes(data)
    corpus = open_and_wait(qtbot, window, path)
    assert corpus.text == PORTUGUESE and answers.asked == []
    kind = "xz" if name.endswith(".xz") else "gzip"
    assert window.corpus_label.text() == f"Corpus: {name}: {len(PORTUGUESE):,} characters · compressed with {kind}"
    assert window.corpus_label.toolTip() == f"{path}\ncompressed with {kind} · UTF-8 · no repairs"
    assert window.training_tab.controls.corpus_label.text().endswith(f"\ncompressed with {kind}")


def test_the_open_dialog_offers_compressed_files_and_drag_and_drop_reads_them(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "aulas.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("1.txt", "Primeira aula.\n")
        archive.writestr("2.txt", "Segunda aula.\n")
    filters = []

    def choose(parent, title, folder, file_filter, *args, **kwargs):
        filters.append(file_filter)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    with qtbot.waitSignal(window.session.corpus_changed, timeout=30_000) as blocker:
        window.open_corpus_action.trigger()
    assert blocker.args[0].text == "Primeira aula.\n\nSegunda aula.\n"
    first = filters[0].split(";;")[0]
    for pattern in ("*.txt", "*.jsonl", "*.gz", "*.xz", "*.bz2", "*.zst", "*.zip"):
        assert pattern in first
    qtbot.waitUntil(lambda: not window.session.busy)
    assert window.corpus_label.text().endswith("· 2 text files from a zip archive")

    dropped = tmp_path / "solta.txt.bz2"
    import bz2

    dropped.write_bytes(bz2.compress(b"Arrastado e solto.\n"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.session.corpus_changed, timeout=30_000) as blocker:
        window.dropEvent(event)
    assert blocker.args[0].text == "Arrastado e solto.\n" and blocker.args[0].compression == "bzip2"
    qtbot.waitUntil(lambda: not window.session.busy)


def test_a_windows_1252_file_asks_once_and_the_choice_is_remembered(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "aula.txt"
    path.write_bytes(PORTUGUESE.encode("cp1252"))
    answers = Answers(monkeypatch, encoding="latin-1", repair=False)  # pick another than the one detected
    corpus = open_and_wait(qtbot, window, path)
    assert corpus.encoding == "latin-1" and not corpus.encoding_detected  # read again in the chosen one
    # Read as Latin-1, Windows-1252's dashes and quotes become C1 control characters, which ftfy offers to repair.
    assert answers.asked == [("encoding", "cp1252"), ("repair", [
        ("Não há ação sem emoção \x97 disse a professora.", "Não há ação sem emoção — disse a professora."),
        ("\x93Qual é a diferença?\x94, perguntou.", "“Qual é a diferença?”, perguntou.")])]
    assert AppSettings().corpus_reading(settings_key(path)) == {"encoding": "latin-1", "fix_text": False}
    assert window.corpus_label.text().endswith(f"· Latin-1 (ISO-8859-1) · {corpus.repairs.characters} garbled "
                                               "characters kept")
    # Opened again (here from File > Recent corpora): no question, the same reading.
    action = next(a for a in window.menus.recent_corpora.actions() if a.text() == str(path))
    with qtbot.waitSignal(window.session.corpus_changed, timeout=30_000) as blocker:
        action.trigger()
    qtbot.waitUntil(lambda: not window.session.busy)
    assert blocker.args[0].encoding == "latin-1" and len(answers.asked) == 2


def test_keeping_the_detected_encoding_uses_the_corpus_already_read(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "aula.txt"
    path.write_bytes(PORTUGUESE.encode("cp1252"))
    answers = Answers(monkeypatch, encoding="cp1252")
    corpus = open_and_wait(qtbot, window, path)
    assert corpus.text == PORTUGUESE and corpus.encoding_detected and len(answers.asked) == 1
    assert window.corpus_label.text().endswith("· Windows-1252 (detected)")
    assert "Windows-1252 (detected)" in window.training_tab.controls.corpus_label.text()


def test_cancelling_the_encoding_question_keeps_the_current_corpus(window, qtbot, tmp_path, monkeypatch, warnings):
    before = window.session.corpus
    path = tmp_path / "aula.txt"
    path.write_bytes(PORTUGUESE.encode("cp1252"))
    answers = Answers(monkeypatch, encoding=None)
    window.open_corpus(path)
    qtbot.waitUntil(lambda: bool(answers.asked) and not window.session.busy, timeout=30_000)
    assert window.session.corpus is before and warnings == []
    assert window.statusBar().currentMessage() == "aula.txt was not opened."
    assert AppSettings().corpus_reading(settings_key(path)) == {}


def test_an_encoding_that_fails_is_reported_and_forgotten(window, qtbot, tmp_path, monkeypatch, warnings):
    before = window.session.corpus
    path = tmp_path / "aula.txt"
    path.write_bytes(PORTUGUESE.encode("cp1252"))
    Answers(monkeypatch, encoding="utf-8")  # the one encoding that cannot read it
    with qtbot.waitSignal(window.session.corpus_load_failed, timeout=30_000):
        window.open_corpus(path)
    qtbot.waitUntil(lambda: not window.session.busy)
    assert window.session.corpus is before
    assert warnings[-1][0] == "Could not open the corpus" and "aula.txt is not valid UTF-8" in warnings[-1][1]
    assert AppSettings().corpus_reading(settings_key(path)) == {}


def test_a_remembered_encoding_that_no_longer_fits_is_detected_again(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "aula.txt"
    path.write_bytes(PORTUGUESE.encode("cp1252"))
    AppSettings().set_corpus_reading(settings_key(path), encoding="utf-8")  # the file was UTF-8 then
    answers = Answers(monkeypatch, encoding="cp1252")
    corpus = open_and_wait(qtbot, window, path)
    assert corpus.text == PORTUGUESE and answers.asked == [("encoding", "cp1252")]
    assert AppSettings().corpus_reading(settings_key(path)) == {"encoding": "cp1252"}


@pytest.mark.parametrize("repair", [True, False])
def test_mojibake_is_offered_for_repair_and_nothing_changes_unless_chosen(window, qtbot, tmp_path, monkeypatch,
                                                                          repair):
    path = tmp_path / "copiado.txt"
    path.write_text(GARBLED, encoding="utf-8")
    answers = Answers(monkeypatch, repair=repair)
    corpus = open_and_wait(qtbot, window, path)
    assert [kind for kind, _ in answers.asked] == ["repair"]
    assert answers.asked[0][1][0][1] == "Não há ação sem emoção — disse a professora."
    assert corpus.text == (PORTUGUESE if repair else GARBLED) and corpus.repaired is repair
    assert AppSettings().corpus_reading(settings_key(path)) == {"fix_text": repair}
    n = corpus.repairs.characters
    assert window.corpus_label.text().endswith(f"· {n:,} characters repaired" if repair
                                               else f"· {n:,} garbled characters kept")
    again = open_and_wait(qtbot, window, path)  # the answer is remembered: no second question
    assert again.text == corpus.text and len(answers.asked) == 1


def test_a_windows_1252_file_with_mojibake_asks_both_questions_in_order(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "duplo.txt"
    path.write_bytes(("Texto em Windows-1252: ação.\n" + "cafÃ© com pÃ£o\n" * 3).encode("cp1252"))
    answers = Answers(monkeypatch, encoding="cp1252", repair=True)
    corpus = open_and_wait(qtbot, window, path)
    assert [kind for kind, _ in answers.asked] == ["encoding", "repair"]
    assert corpus.text == "Texto em Windows-1252: ação.\n" + "café com pão\n" * 3
    assert corpus.encoding == "cp1252" and corpus.repaired
    assert AppSettings().corpus_reading(settings_key(path)) == {"encoding": "cp1252", "fix_text": True}


def test_file_corpus_text_encoding_reads_the_current_file_again(window, qtbot, tmp_path, monkeypatch, warnings):
    assert not window.menus.corpus_encoding.isEnabled()  # the built-in corpus is no file
    window.choose_corpus_encoding()
    assert warnings[-1][0] == "No corpus file"
    path = tmp_path / "aula.txt"
    path.write_bytes(PORTUGUESE.encode("cp1252"))
    answers = Answers(monkeypatch, encoding="cp1252")
    open_and_wait(qtbot, window, path)
    assert window.menus.corpus_encoding.isEnabled() and window.menus.corpus_encoding.text() == "Corpus te&xt encoding…"
    answers.encoding = "latin-1"
    with qtbot.waitSignal(window.session.corpus_changed, timeout=30_000) as blocker:
        window.menus.corpus_encoding.trigger()
    qtbot.waitUntil(lambda: not window.session.busy)
    assert blocker.args[0].encoding == "latin-1"
    # Asked again with the current encoding selected, then (the repair choice forgotten) about Latin-1's C1 controls.
    assert [question[0] for question in answers.asked] == ["encoding", "encoding", "repair"]
    assert answers.asked[1] == ("encoding", "cp1252")


@pytest.mark.parametrize("name, data, message", [
    ("cortado.txt.xz", lzma.compress(PORTUGUESE.encode())[:100], "cortado.txt.xz could not be decompressed as xz"),
    ("vazio.zip", None, "vazio.zip is an empty archive."),
    ("binario.zip", "binary", "binario.zip/dados.txt looks like a binary file"),
    ("fotos.zip", "photos", "fotos.zip holds no text files"),
    ("enorme.json.gz", "huge", "enorme.json.gz holds more than 32 MB of JSON once decompressed."),
])
def test_bad_files_get_a_clear_message_and_the_app_carries_on(window, qtbot, tmp_path, monkeypatch, warnings,
                                                               name, data, message):
    answers = Answers(monkeypatch)
    before = window.session.corpus
    path = tmp_path / name
    if data == "huge":  # more text than the app keeps in memory, in a JSON list that cannot be streamed
        record = b'{"question": "Quanto \\u00e9 1 + 1?", "answer": "2"},'
        path.write_bytes(gzip.compress(b"[" + record * (33 * 2**20 // len(record)) + b"{}]", compresslevel=1))
    elif data is None or isinstance(data, str):
        with zipfile.ZipFile(path, "w") as archive:
            if data == "binary":
                archive.writestr("dados.txt", bytes(range(256)))
            elif data == "photos":
                archive.writestr("foto.jpg", b"\xff\xd8\xff\xe0\x00")
    else:
        path.write_bytes(data)
    with qtbot.waitSignal(window.session.corpus_load_failed, timeout=30_000):
        window.open_corpus(path)
    qtbot.waitUntil(lambda: not window.session.busy)
    assert window.session.corpus is before and answers.asked == []
    assert warnings[-1][0] == "Could not open the corpus" and warnings[-1][1].startswith(message)
    good = tmp_path / "bom.txt.gz"  # and the next file opens as usual
    good.write_bytes(gzip.compress(b"Tudo certo.\n"))
    assert open_and_wait(qtbot, window, good).text == "Tudo certo.\n"


def test_reading_choices_are_typed_per_file_and_bounded(monkeypatch):
    import gui.common.settings as settings_module

    settings = AppSettings()
    settings.set_corpus_reading("/a.txt", encoding="cp1252")
    settings.set_corpus_reading("/a.txt", fix_text=True)
    assert settings.corpus_reading("/a.txt") == {"encoding": "cp1252", "fix_text": True}
    settings.set_corpus_reading("/a.txt", encoding=None)  # forget one choice, keep the other
    assert settings.corpus_reading("/a.txt") == {"fix_text": True}
    settings._store.setValue(AppSettings.CORPUS_READINGS, '{"/b.txt": {"encoding": 5, "fix_text": "yes", "x": 1}}')
    assert settings.corpus_reading("/b.txt") == {}  # edited by hand: wrong types are dropped
    settings._store.setValue(AppSettings.CORPUS_READINGS, "not json")
    assert settings.corpus_reading("/a.txt") == {}
    monkeypatch.setattr(settings_module, "MAX_CORPUS_READINGS", 3)
    for name in "cdefg":
        settings.set_corpus_reading(f"/{name}.txt", encoding="latin-1")
    assert [settings.corpus_reading(f"/{name}.txt") != {} for name in "cdefg"] == [False, False, True, True, True]
