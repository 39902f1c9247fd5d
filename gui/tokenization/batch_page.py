"""The Tokenization tab's "Batch" page: several sentences through the model's tokenizer as one batch.

One sentence per line goes through `core.tokenization.batches.padded_batch` (the tokenizer's own
batch call) with the chosen padding, truncation, maximum length and side. The chips show the
`input_ids` of each row (padding hatched), then the `attention_mask` rows (0 = padding, which the
model ignores), then `token_type_ids` for BERT-style tokenizers, all aligned column by column, with
the share of the batch that is padding.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.common.chip_grid import PAD, PLAIN, SPECIAL, ChipGrid, GridCell, WidgetPicture
from gui.common.core_text import localized
from gui.common.default_texts import DEFAULT_TEXTS, default_text, follow_language_in
from gui.common.locale_numbers import count, percent
from gui.common.tab_exports import ExportItem, FigureExport, TableExport
from gui.common.tab_header import LiveTexts

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

DEFAULT_SENTENCES = DEFAULT_TEXTS["en"].batch  # the English start; default_text("batch") in the UI's language
MAX_SENTENCES = 32
MAX_CHARS = 20_000  # of the sentences together
DEBOUNCE_MS = 150
PADDINGS, SIDES = ("longest", "max_length", "none"), ("right", "left")


def _piece_labels(tokenizer: Any, ids: list[int]) -> list[str]:
    from core.tokenization.token_labels import token_labels

    return token_labels(tokenizer, ids)


class BatchPage(QWidget):
    """Sentences in, one padded batch out. For tests: `sentences`, `padding_combo`, `truncation_check`,
    `max_length_spin`, `side_combo`, `grid`, `batch` (the core PaddedBatch shown) and `update_batch()`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenBatchPage")
        self.model: Any = None
        self.batch: Any = None
        self.texts: list[str] = []
        self.live = LiveTexts()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.update_batch)
        self.sentences = QPlainTextEdit(default_text("batch"))
        self.sentences.setObjectName("tokenBatchSentences")
        self.sentences.setTabChangesFocus(True)
        self.sentences.setFixedHeight(self.sentences.fontMetrics().lineSpacing() * 5 + 14)
        self.sentences.textChanged.connect(self._debounce.start)
        self.padding_combo, self.side_combo = QComboBox(), QComboBox()
        for combo, keys, name in ((self.padding_combo, PADDINGS, "tokenBatchPadding"),
                                  (self.side_combo, SIDES, "tokenBatchSide")):
            combo.setObjectName(name)
            for key in keys:
                combo.addItem("", key)
            combo.currentIndexChanged.connect(self.update_batch)
        self.truncation_check = QCheckBox()
        self.truncation_check.setObjectName("tokenBatchTruncation")
        self.truncation_check.toggled.connect(self.update_batch)
        self.max_length_spin = QSpinBox()
        self.max_length_spin.setObjectName("tokenBatchMaxLength")
        self.max_length_spin.setRange(1, 4096)
        self.max_length_spin.setValue(12)
        self.max_length_spin.valueChanged.connect(self.update_batch)
        self.labels = {name: QLabel() for name in ("sentences", "padding", "max_length", "side")}
        for name, buddy in (("sentences", self.sentences), ("padding", self.padding_combo),
                            ("max_length", self.max_length_spin), ("side", self.side_combo)):
            self.labels[name].setBuddy(buddy)
        self.info = QLabel()
        self.info.setObjectName("tokenBatchInfo")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.grid = ChipGrid()
        self.grid.setObjectName("tokenBatchGrid")
        self.pointed = QLabel()
        self.pointed.setWordWrap(True)
        self.pointed.setTextFormat(Qt.TextFormat.PlainText)
        self.grid.pointed.connect(self._on_pointed)
        self._lay_out()
        self.retranslate_ui()
        self.update_batch()

    def _lay_out(self) -> None:
        options = QHBoxLayout()
        for widget in (self.labels["padding"], self.padding_combo, self.truncation_check, self.labels["max_length"],
                       self.max_length_spin, self.labels["side"], self.side_combo):
            options.addWidget(widget)
        options.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.labels["sentences"], 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.sentences, 1)
        scroll = QScrollArea()
        scroll.setWidget(self.grid)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addLayout(options)
        column.addWidget(self.info)
        column.addWidget(scroll, 1)
        column.addWidget(self.pointed)

    def retranslate_ui(self) -> None:
        texts = {"sentences": translate("TokenizationTab", "&One sentence\nper line:"),
                 "padding": translate("TokenizationTab", "Pa&dding:"),
                 "max_length": translate("TokenizationTab", "Ma&x length:"),
                 "side": translate("TokenizationTab", "Pad on the:")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        names = {"longest": translate("TokenizationTab", "to the longest"),
                 "max_length": translate("TokenizationTab", "to the max length"),
                 "none": translate("TokenizationTab", "none"), "right": translate("TokenizationTab", "right"),
                 "left": translate("TokenizationTab", "left")}
        for combo in (self.padding_combo, self.side_combo):
            combo.blockSignals(True)  # renaming is not choosing
            for index in range(combo.count()):
                combo.setItemText(index, names[combo.itemData(index)])
            combo.blockSignals(False)
        self.truncation_check.setText(translate("TokenizationTab", "Tr&uncate"))
        self.truncation_check.setToolTip(translate("TokenizationTab", "Cut every row to the max length"))
        self.side_combo.setAccessibleName(translate("TokenizationTab", "Padding side"))
        self.padding_combo.setAccessibleName(translate("TokenizationTab", "Padding"))
        self.max_length_spin.setAccessibleName(translate("TokenizationTab", "Max length"))
        self.sentences.setAccessibleName(translate("TokenizationTab", "Sentences, one per line"))
        self.grid.setAccessibleName(translate("TokenizationTab", "The batch: input_ids, attention_mask"))
        self.live.refresh()
        self._draw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "live"):
            self.retranslate_ui()
            follow_language_in(self.sentences, "batch")  # unedited example sentences only

    # --- data --------------------------------------------------------------------------------
    def set_model(self, model: Any) -> None:
        self.model = model
        self.update_batch()

    def update_batch(self) -> None:
        """Run the sentences through the model's tokenizer with the chosen options, and draw the batch."""
        from core.tokenization.base import TokenizationError
        from core.tokenization.batches import padded_batch

        self._debounce.stop()
        padding = self.padding_combo.currentData()
        self.max_length_spin.setEnabled(padding == "max_length" or self.truncation_check.isChecked())
        lines = self.sentences.toPlainText()[:MAX_CHARS].split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the newline that ends the last sentence
        self.texts = lines[:MAX_SENTENCES]
        self.batch = None
        if self.model is None:
            self._show_info(lambda: translate("TokenizationTab", "Load a model (File > Open model) to batch "
                                                                 "sentences with its tokenizer."))
        elif not self.texts:
            self._show_info(lambda: translate("TokenizationTab", "Type one sentence per line."))
        else:
            limited = padding == "max_length" or self.truncation_check.isChecked()
            try:
                self.batch = padded_batch(self.model.tokenizer, self.texts, padding, self.truncation_check.isChecked(),
                                          self.max_length_spin.value() if limited else None,
                                          self.side_combo.currentData())
            except TokenizationError as error:
                failure = error
                self._show_info(lambda: localized(failure))
            else:
                batch, cut = self.batch, len(lines) > MAX_SENTENCES
                self._show_info(lambda: self._info_text(batch, cut))
        self._draw()

    def _info_text(self, batch: Any, cut: bool) -> str:
        lines = [translate("TokenizationTab", "{pad} of the {cells} positions are padding ({share}).").format(
            pad=count(batch.n_padding), cells=count(batch.n_positions), share=percent(batch.padding_share))]
        if batch.pad_added:
            lines.append(translate("TokenizationTab", "This tokenizer has no pad token, so its end-of-text token "
                                                      "{token} (id {id}) pads; the attention mask tells the model "
                                                      "to ignore it.").format(token=batch.pad_token,
                                                                              id=batch.pad_token_id))
        else:
            lines.append(translate("TokenizationTab", "Pad token: {token} (id {id}).").format(
                token=batch.pad_token, id=batch.pad_token_id))
        cuts = [translate("TokenizationTab", "row {row}: {n}").format(row=row + 1, n=count(n))
                for row, n in enumerate(batch.truncated) if n]
        if cuts:
            lines.append(translate("TokenizationTab", "Tokens cut by truncation: {rows}.").format(rows=", ".join(cuts)))
        if cut:
            lines.append(translate("TokenizationTab", "Only the first {n} lines are batched.").format(n=MAX_SENTENCES))
        return "\n".join(lines)

    def _show_info(self, make: Any) -> None:
        self.live.show("info", self.info.setText, make)

    # --- drawing -------------------------------------------------------------------------------
    def _draw(self) -> None:
        batch = self.batch
        if batch is None:
            self.grid.set_rows([], [])
            self._on_pointed("")
            return
        tokenizer = self.model.tokenizer
        specials = set(getattr(tokenizer, "all_special_ids", []) or [])
        rows, titles = [], []
        for r, (ids, mask) in enumerate(zip(batch.input_ids, batch.attention_mask)):
            labels = _piece_labels(tokenizer, ids)
            rows.append([self._id_cell(r, c, i, m, label, specials) for c, (i, m, label)
                         in enumerate(zip(ids, mask, labels))])
            titles.append(f"input_ids[{r}]")
        for r, mask in enumerate(batch.attention_mask):
            rows.append([GridCell(str(m), "", translate("TokenizationTab", "attention_mask[{row}][{col}] = {value}: "
                                                                           "{meaning}").format(
                row=r, col=c, value=m, meaning=translate("TokenizationTab", "a real token, attended to") if m
                else translate("TokenizationTab", "padding, ignored")), PLAIN if m else PAD) for c, m in enumerate(mask)])
            titles.append(f"attention_mask[{r}]")
        for r, types in enumerate(batch.token_type_ids or []):
            rows.append([GridCell(str(t), "", translate("TokenizationTab", "token_type_ids[{row}][{col}] = {value}: "
                                                                           "which segment (sentence A = 0, B = 1)"
                                                        ).format(row=r, col=c, value=t), shade=t)
                         for c, t in enumerate(types)])
            titles.append(f"token_type_ids[{r}]")
        self.grid.set_rows(rows, titles, group_size=len(batch.input_ids))
        self._on_pointed("")

    def _id_cell(self, row: int, column: int, token_id: int, mask: int, label: str, specials: set[int]) -> GridCell:
        if not mask:
            tip = translate("TokenizationTab", "Padding ({token}, id {id}): the attention mask is 0 here.").format(
                token=label, id=token_id)
            return GridCell(label, str(token_id), tip, PAD)
        tip = translate("TokenizationTab", "Row {row}, position {col}: “{token}” (id {id})").format(
            row=row, col=column, token=label, id=token_id)
        return GridCell(label, str(token_id), tip, SPECIAL if token_id in specials else PLAIN, shade=column % 2)

    def _on_pointed(self, text: str) -> None:
        self.pointed.setText(text or translate("TokenizationTab", "Hatched chips are padding. Point at a chip, or "
                                                                  "click the grid and use the arrow keys."))

    # --- export ------------------------------------------------------------------------------------
    def table(self) -> tuple[list[str], list[list[Any]]] | None:
        """The batch as CSV rows: one per (row, position) with the id, the mask and the token type."""
        batch = self.batch
        if batch is None:
            return None
        rows = []
        for r, (ids, mask) in enumerate(zip(batch.input_ids, batch.attention_mask)):
            types = batch.token_type_ids[r] if batch.token_type_ids else [""] * len(ids)
            labels = _piece_labels(self.model.tokenizer, ids)
            rows += [[r, c, i, label, m, t] for c, (i, label, m, t) in enumerate(zip(ids, labels, mask, types))]
        return ["row", "position", "input_id", "token", "attention_mask", "token_type_id"], rows

    def export_items(self) -> list[ExportItem]:
        """The batch as a picture (PNG or SVG) and as a table (CSV)."""
        return [FigureExport(name=lambda: translate("TokenizationTab", "Padded batch"),
                             figure=lambda: WidgetPicture(self.grid) if self.batch is not None else None,
                             file_stem="padded_batch", ready=lambda: self.batch is not None),
                TableExport(name=lambda: translate("TokenizationTab", "Padded batch: ids and masks"),
                            table=self.table, file_stem="padded_batch", ready=lambda: self.batch is not None)]
