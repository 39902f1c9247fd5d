"""What the batch view draws for a `SeenBatch`: its rows of chips, the sentences above them and its table.

Functions of plain values, called again after a language change. Next-token objectives ("gpt",
"bigram") show each sequence as an input row over a target row: target c is input c + 1, so one
token sits one column further left in the target row and keeps its colour there. The masked
objective shows what the model reads over what the loss asks for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.chip_grid import IGNORED, KEPT, MASKED, PLAIN, REPLACED, GridCell
from gui.common.locale_numbers import count, decimal, percent

translate = QCoreApplication.translate  # a plain name, so pyside6-lupdate finds every string

TABLE_HEADER_NEXT = ("sequence", "position", "input_id", "input_token", "target_id", "target_token")
TABLE_HEADER_MASKED = ("sequence", "position", "original_id", "original_token", "input_id", "input_token", "label",
                       "kind")


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else "…" + text[-(limit - 1):]


def _boundary(batch: Any, token_id: int) -> bool:
    return batch.separator_id is not None and token_id == batch.separator_id


def _record_note(batch: Any, token_id: int) -> str:
    if not _boundary(batch, token_id):
        return ""
    return "\n" + translate("TrainingTab", "A question/answer record ends here: the next token starts another one.")


def next_token_rows(batch: Any) -> tuple[list[list[GridCell]], list[str]]:
    """(rows, titles): for each sequence an input row and its target row (B x T predictions)."""
    rows, titles = [], []
    for r, (xs, ys) in enumerate(zip(batch.x, batch.y)):
        inputs, targets = [], []
        for c, (x, y) in enumerate(zip(xs, ys)):
            label_x, label_y = batch.labels_of[x], batch.labels_of[y]
            inputs.append(GridCell(label_x, str(x), translate(
                "TrainingTab", "Input {row}, position {position}: “{token}” (id {id})").format(
                row=r + 1, position=c, token=label_x, id=x) + _record_note(batch, x),
                shade=c % 2, boundary=_boundary(batch, x)))
            targets.append(GridCell(label_y, str(y), translate(
                "TrainingTab", "Prediction {position} of row {row}: after “{context}” comes “{token}”").format(
                position=c, row=r + 1, context=_quote(batch.contexts[r][c]), token=label_y) + _record_note(batch, y),
                shade=(c + 1) % 2, boundary=_boundary(batch, y)))
        rows += [inputs, targets]
        titles += [translate("TrainingTab", "input {n}").format(n=r + 1),
                   translate("TrainingTab", "target {n}").format(n=r + 1)]
    return rows, titles


def masked_rows(batch: Any) -> tuple[list[list[GridCell]], list[str]]:
    """(rows, titles): for each sequence what the model reads and what the loss asks for at each position."""
    styles = {MASKED: MASKED, REPLACED: REPLACED, KEPT: KEPT, IGNORED: PLAIN}
    rows, titles = [], []
    for r, (xs, shown, labels, kinds) in enumerate(zip(batch.x, batch.inputs, batch.labels, batch.kinds)):
        inputs, targets = [], []
        for c, (x, seen, label, kind) in enumerate(zip(xs, shown, labels, kinds)):
            original, read = batch.labels_of[x], batch.labels_of[seen]
            texts = {MASKED: translate("TrainingTab", "Position {position}: hidden behind {mask}; the model must "
                                                      "guess “{token}”"),
                     REPLACED: translate("TrainingTab", "Position {position}: replaced by a random token, "
                                                        "“{shown}”; the model must still guess “{token}”"),
                     KEPT: translate("TrainingTab", "Position {position}: chosen but left as it was; the model "
                                                    "must still say “{token}”"),
                     IGNORED: translate("TrainingTab", "Position {position}: not chosen, so the loss ignores it "
                                                       "(label -100)")}
            tip = texts[kind].format(position=c, mask=batch.labels_of.get(batch.mask_token_id, "[MASK]"),
                                     token=original, shown=read) + _record_note(batch, x)
            inputs.append(GridCell(read, str(seen), tip, styles[kind], shade=c % 2, boundary=_boundary(batch, x)))
            if kind == IGNORED:
                targets.append(GridCell("·", "-100", tip, IGNORED, boundary=_boundary(batch, x)))
            else:
                targets.append(GridCell(original, str(label), tip, PLAIN, shade=c % 2, boundary=_boundary(batch, x)))
        rows += [inputs, targets]
        titles += [translate("TrainingTab", "input {n}").format(n=r + 1),
                   translate("TrainingTab", "label {n}").format(n=r + 1)]
    return rows, titles


def batch_rows(batch: Any) -> tuple[list[list[GridCell]], list[str]]:
    """The grid's rows and titles for `batch` (a SeenBatch)."""
    return masked_rows(batch) if batch.objective == "mlm" else next_token_rows(batch)


def summary_text(batch: Any) -> str:
    """The lines above the grid: the batch's shape, its predictions, what is drawn and an epoch's length."""
    b, t = batch.batch_size, batch.block_size
    lines = [translate("TrainingTab", "Batch {draw} of a run with seed {seed}: {b} sequences × {t} tokens.").format(
        draw=count(batch.draw + 1), seed=batch.seed, b=count(b), t=count(t))]
    if batch.objective == "mlm":
        chosen = sum(kind != IGNORED for row in batch.kinds for kind in row)
        drawn = sum(len(row) for row in batch.kinds)
        by_kind = {kind: sum(k == kind for row in batch.kinds for k in row) for kind in (MASKED, REPLACED, KEPT)}
        lines.append(translate("TrainingTab", "Mask probability {p}: {chosen} of the {drawn} positions drawn are "
                                              "chosen ({share}): {masked} masked, {replaced} replaced, {kept} kept. "
                                              "The loss is computed only there.").format(
            p=decimal(batch.mlm_probability, 2), chosen=count(chosen), drawn=count(drawn),
            share=percent(chosen / drawn if drawn else 0.0), masked=count(by_kind[MASKED]),
            replaced=count(by_kind[REPLACED]), kept=count(by_kind[KEPT])))
    else:
        lines.append(translate("TrainingTab", "{n} predictions per batch (B × T = {b} × {t}): at every position the "
                                              "target is the next token, so the target row is the input row shifted "
                                              "one place to the left.").format(n=count(b * t), b=count(b),
                                                                               t=count(t)))
    rows, columns = len(batch.x), max((len(row) for row in batch.x), default=0)
    if rows < b:
        lines.append(translate("TrainingTab", "Drawn: the first {rows} of the {b} sequences.").format(
            rows=count(rows), b=count(b)))
    if columns < t:
        lines.append(translate("TrainingTab", "Drawn: the first {columns} of the {t} positions.").format(
            columns=count(columns), t=count(t)))
    if batch.n_train_tokens and batch.tokens_per_iter:
        lines.append(translate("TrainingTab", "One epoch (a pass over the {n} training tokens) = {steps} steps of "
                                              "{per_step} tokens.").format(
            n=count(batch.n_train_tokens), steps=decimal(batch.n_train_tokens / batch.tokens_per_iter, 1),
            per_step=count(batch.tokens_per_iter)))
    if batch.n_records:
        lines.append(translate("TrainingTab", "{n} question/answer records, each ending with an end-of-text token: "
                                              "a thick bar after a chip marks where one ends.").format(
            n=count(batch.n_records)))
    return "\n".join(lines)


def legend_text(objective: str) -> str:
    """How to read the chips of `objective`."""
    if objective == "mlm":
        return translate("TrainingTab", "Thick border: masked (80% of the chosen). Dashed: a random token (10%). "
                                        "Dotted: kept as it was (10%). Faint · with -100: ignored by the loss.")
    return translate("TrainingTab", "Each target chip has the colour of the input chip it repeats, one column to "
                                    "the right: the model learns to predict it from everything up to there.")


def batch_table(batch: Any | None) -> tuple[list[str], list[list[Any]]] | None:
    """The drawn batch as a table (CSV): one row per position, ids and tokens as the chips show them."""
    if batch is None:
        return None
    rows: list[list[Any]] = []
    names = batch.labels_of
    for r, xs in enumerate(batch.x):
        for c, x in enumerate(xs):
            if batch.objective == "mlm":
                seen, label = batch.inputs[r][c], batch.labels[r][c]
                rows.append([r + 1, c, x, names[x], seen, names[seen], label, batch.kinds[r][c]])
            else:
                y = batch.y[r][c]
                rows.append([r + 1, c, x, names[x], y, names[y]])
    return list(TABLE_HEADER_MASKED if batch.objective == "mlm" else TABLE_HEADER_NEXT), rows
