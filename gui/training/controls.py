"""The Training tab's settings column: data, objective, preset and hyperparameters, device, buttons.

The parameter count and memory estimate update as the settings change, and a setting that
cannot run (width not divisible by heads, a corpus shorter than a block, a model that cannot
be fine-tuned...) is named under the buttons while Start is disabled.

torch is imported only by `ensure_ready()`, called once the tab is shown, so the window
paints before torch loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.training.activation_choice import ActivationChoice
from gui.training.fine_tune import FineTuneSetting
from gui.training.panels import LearningRateBox
from gui.training.run_settings import RunSettings
from gui.training.settings_form import settings_form
from gui.training.texts import combo_item_texts, device_texts, field_label_texts, fine_tune_text, settings_texts

translate = QCoreApplication.translate

BPE_MIN_VOCAB = 262  # 256 bytes + 5 special tokens + at least one merge
# (config field, minimum, maximum); the learning rate and dropout have their own boxes
INT_FIELDS = (("n_layer", 1, 64), ("n_head", 1, 64), ("n_embd", 1, 8192), ("block_size", 2, 8192),
              ("batch_size", 1, 4096), ("gradient_accumulation_steps", 1, 1024), ("warmup_iters", 0, 1_000_000),
              ("max_iters", 1, 10_000_000), ("eval_interval", 1, 1_000_000), ("eval_iters", 1, 10_000),
              ("seed", 0, 2**31 - 1))
ARCHITECTURE_FIELDS = ("n_layer", "n_head", "n_embd", "dropout")


class TrainingControls(QWidget):
    """Settings and the Start / Pause / Stop buttons. `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ready = False
        self.corpus: Any = None
        self.model: Any = None  # the session's LoadedModel (fine-tuning source)
        self.token_counts: dict[tuple, int] = {}  # (corpus id, tokenizer key) -> tokens, after a run tokenized it
        self.overrides: dict[str, Any] = {}  # extra TrainingConfig fields (tests, benchmark)
        self._char_vocab: tuple[int, int, bool] | None = None  # (corpus id, size, exact)
        self._applying_preset = False
        self.state = "idle"  # "idle", "preparing", "running" or "paused"
        self.problems: list[str] = []
        self._build()

    # --- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        self.corpus_label = QLabel()
        self.corpus_label.setObjectName("trainCorpus")
        self.corpus_label.setWordWrap(True)
        self.tokenizer_combo = self._combo("trainTokenizer", ("char", "bpe", "model"))  # "model": fine-tuning only
        self.vocab_spin = QSpinBox()
        self.vocab_spin.setObjectName("trainVocab")
        self.vocab_spin.setRange(BPE_MIN_VOCAB, 65_536)
        self.vocab_spin.setValue(1000)
        self.objective_combo = self._combo("trainObjective", ("gpt", "bigram", "mlm"))
        self.start_from_combo = self._combo("trainStartFrom", ("scratch", "finetune"))
        self.preset_combo = self._combo("trainPreset", ("cpu-quick", "gpu-baby", "custom"))
        self.spins: dict[str, Any] = {}
        for name, low, high in INT_FIELDS:
            spin = QSpinBox()
            spin.setRange(low, high)
            self.spins[name] = spin
        self.spins["learning_rate"] = LearningRateBox()
        dropout = QDoubleSpinBox()
        dropout.setRange(0.0, 0.95)
        dropout.setSingleStep(0.05)
        self.spins["dropout"] = dropout
        for name, spin in self.spins.items():
            spin.setObjectName(f"train_{name}")
            spin.valueChanged.connect(self._on_value_changed)
        self.fine_tune = FineTuneSetting(self.start_from_combo, self.objective_combo, self.tokenizer_combo, self.spins)
        self.run_settings = RunSettings()  # mask probability, epochs, validation records
        for spin in self.run_settings.spins():
            spin.valueChanged.connect(self._on_changed)
        self.device_combo = self._combo("trainDevice", ("auto", "cuda", "mps", "cpu"))
        self.activation = ActivationChoice()
        self.activation.changed.connect(self._on_changed)
        self.sample_edit = QLineEdit(objectName="trainSampleText")
        self.sample_edit.textChanged.connect(self._on_changed)
        self.mixed_check = QCheckBox()
        self.mixed_check.setObjectName("trainMixedPrecision")
        self.mixed_check.setChecked(True)
        self.mixed_check.toggled.connect(self._on_changed)
        self.estimate_label = QLabel()
        self.estimate_label.setObjectName("trainEstimate")
        self.estimate_label.setWordWrap(True)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("trainProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet("QLabel { padding: 4px; border: 2px solid #d95f02; border-radius: 4px; }")
        self.problem_label.hide()
        self.start_button = self._button("trainStart")
        self.pause_button = self._button("trainPause")
        self.stop_button = self._button("trainStop")
        self.resume_button = self._button("trainResume")
        self.start_button.setEnabled(False)
        self.resume_button.setEnabled(False)
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.field_labels: dict[str, QLabel] = {}  # config field or combo name -> its form label
        self.boxes: dict[str, QGroupBox] = {}
        self._lay_out()
        self.retranslate_ui()
        self.preset_combo.currentIndexChanged.connect(self._on_preset_chosen)

    def _combo(self, name: str, keys: tuple[str, ...]) -> QComboBox:
        """A combo with one item per key (its text comes from `retranslate_ui`)."""
        combo = QComboBox()
        combo.setObjectName(name)
        for key in keys:
            combo.addItem("", key)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)  # long names (a fine-tuned model's) elide instead of widening
        combo.currentIndexChanged.connect(self._on_changed)
        return combo

    def _button(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        return button

    def _lay_out(self) -> None:
        rows = {"data": [None, "tokenizer", "vocab", "val_fraction", "split_seed"],
                "model": ["objective", "start_from", "preset", "n_layer", "n_head", "n_embd", "block_size", "dropout",
                          "activation", "sample_text", "mlm_probability"],
                "optimisation": ["batch_size", "gradient_accumulation_steps", "learning_rate", "warmup_iters",
                                 "max_iters", "epochs", None, "eval_interval", "eval_iters", "seed"],
                "hardware": ["device", None]}
        widgets = {**self.spins, "tokenizer": self.tokenizer_combo, "vocab": self.vocab_spin,
                   "val_fraction": self.run_settings.val_spin, "split_seed": self.run_settings.split_seed_spin,
                   "objective": self.objective_combo, "start_from": self.start_from_combo, "preset": self.preset_combo,
                   "activation": self.activation, "sample_text": self.sample_edit,
                   "mlm_probability": self.run_settings.mlm_spin, "epochs": self.run_settings.epochs_spin,
                   "device": self.device_combo}
        plain = {"data": [self.corpus_label], "optimisation": [self.run_settings.epoch_label],
                 "hardware": [self.mixed_check]}  # the rows without a label (None), in order
        self.form, self.scroll, self.field_labels, self.boxes = settings_form(rows, widgets, plain)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button, self.resume_button):
            buttons.addWidget(button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.estimate_label)
        outer.addWidget(self.problem_label)
        outer.addLayout(buttons)

    def retranslate_ui(self) -> None:
        """Every fixed text in the current language; the texts made from data are made again too."""
        from core.devices import available_devices  # imported once ready: the window paints before torch loads

        present = available_devices() if self.ready else None
        texts_by_name = combo_item_texts(fine_tune_text(self.model), device_texts(present))
        texts_by_name["tokenizer"]["model"] = ""  # FineTuneSetting names it below
        items = {self.tokenizer_combo: texts_by_name["tokenizer"], self.objective_combo: texts_by_name["objective"],
                 self.start_from_combo: texts_by_name["start_from"], self.preset_combo: texts_by_name["preset"],
                 self.device_combo: texts_by_name["device"]}
        for combo, texts in items.items():
            combo.blockSignals(True)  # renaming is not choosing
            for index in range(combo.count()):
                combo.setItemText(index, texts[combo.itemData(index)])
            combo.blockSignals(False)
        self.fine_tune.retranslate()
        text = settings_texts()
        for index, key in enumerate(("preset_cpu_tip", "preset_gpu_tip")):
            self.preset_combo.setItemData(index, text[key], Qt.ItemDataRole.ToolTipRole)
        labels = {**field_label_texts(), **self.run_settings.label_texts()}
        self.run_settings.retranslate()
        self.activation.retranslate()
        self.sample_edit.setPlaceholderText(text["sample_placeholder"])
        self.sample_edit.setToolTip(text["sample_tip"])
        for name, label in labels.items():
            self.field_labels[name].setText(label)
            if name in self.spins:
                self.spins[name].setAccessibleName(label.rstrip(":"))
        self.vocab_spin.setAccessibleName(text["vocab_name"])
        for spin in (self.vocab_spin, *self.spins.values()):  # decimal comma in Portuguese (the default locale)
            spin.setLocale(QLocale())
        for key, box in self.boxes.items():
            box.setTitle(text[f"box_{key}"])
        self.mixed_check.setText(text["mixed"])
        self.estimate_label.setToolTip(text["estimate_tip"])
        for name in ("start", "stop", "resume"):
            getattr(self, f"{name}_button").setText(text[name])
        self.resume_button.setToolTip(text["resume_tip"])
        self.scroll.setMinimumWidth(self.form.sizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width()
                                    + 4)
        self._refresh()  # the corpus line, the estimate, the problems and the Pause/Resume text

    def choose_quick_run(self, settings: dict[str, Any]) -> dict[str, Any]:
        """Set the lesson's run: a causal GPT from scratch on characters, the CPU-quick preset, then
        `settings` (config field -> value) in their boxes. Returns the settings that have no box
        (e.g. sample_tokens), for the caller to pass as overrides of one run."""
        self.ensure_ready()
        for combo, key in ((self.objective_combo, "gpt"), (self.start_from_combo, "scratch"),
                           (self.tokenizer_combo, "char")):
            combo.setCurrentIndex(max(0, combo.findData(key)))
        # Through "custom" and back, so the preset's values are applied even if it was already chosen.
        self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
        self.preset_combo.setCurrentIndex(self.preset_combo.findData("cpu-quick"))
        extra = {}
        for name, value in settings.items():
            if name in self.spins:
                self.set_value(name, value)
            else:
                extra[name] = value
        return extra

    # --- inputs from the session ----------------------------------------------------------
    def ensure_ready(self) -> None:
        """Import the core (torch), list the devices and apply the first preset; once."""
        if self.ready:
            return
        from core.devices import available_devices

        present = available_devices()
        self.ready = True
        texts = device_texts(present)
        for index in range(self.device_combo.count()):
            key = self.device_combo.itemData(index)
            self.device_combo.setItemText(index, texts[key])
            if key != "auto" and key not in present:
                self.device_combo.model().item(index).setEnabled(False)
        self._on_preset_chosen()

    def set_corpus(self, corpus: Any) -> None:
        self.corpus = corpus
        self._char_vocab = None
        self._on_changed()

    def set_model(self, model: Any) -> None:
        self.model = model
        self.fine_tune.set_model(model)
        self._on_changed()

    def record_token_count(self, n_tokens: int) -> None:
        """The exact token count of the current corpus with the current tokenizer (after tokenizing)."""
        self.token_counts[self._token_key()] = n_tokens
        self._on_changed()

    # --- what the tab reads ---------------------------------------------------------------
    def value(self, name: str) -> Any:
        return self.spins[name].value()

    def set_value(self, name: str, value: Any) -> None:
        self.spins[name].setValue(value)

    def key(self, combo: QComboBox) -> str:
        return combo.currentData()

    @property
    def fine_tuning(self) -> bool:
        """"Fine-tune the current model" is chosen and applies to the current model."""
        return self.fine_tune.selected() and self.fine_tune.objective is not None

    def tokenizer_kind(self) -> str:
        return "model" if self.fine_tuning else self.key(self.tokenizer_combo)

    def resolved_device(self) -> str:
        from core.devices import DeviceUnavailableError, select_device

        try:
            return select_device(self.key(self.device_combo))
        except DeviceUnavailableError:
            return self.key(self.device_combo)

    def build_config(self, out_dir: str | Path | None = None) -> Any:
        """A core.training.config.TrainingConfig from the current settings."""
        from core.training.config import preset_config

        fields = {name: self.value(name) for name in self.spins}
        device = self.resolved_device()
        fields.update(
            model_type=self.key(self.objective_combo), device=self.key(self.device_combo),
            dtype="auto" if self.mixed_check.isChecked() else "float32",
            log_interval=1 if device == "cpu" else 10,  # on CPU the loss is read every step anyway
            out_dir=None if out_dir is None else str(out_dir))
        if self.fine_tuning and self.model is not None:
            fields.update(init_from="finetune", finetune_from=str(self.model.source))
        fields["min_lr"] = fields["learning_rate"] / 10  # as in both presets
        fields.update(activation=self.activation.value(), sample_prompt=self.sample_edit.text().strip())
        fields.update(self.run_settings.fields())
        return preset_config(self.key(self.preset_combo), **{**fields, **self.overrides})

    def _token_key(self) -> tuple:
        kind = self.tokenizer_kind()
        detail = self.vocab_spin.value() if kind == "bpe" else (self.model.source if kind == "model" and self.model
                                                                else None)
        return (id(self.corpus), kind, detail)

    def token_count(self) -> int | None:
        """Tokens in the corpus with the chosen tokenizer: exact for characters, else once tokenized."""
        if self.corpus is None:
            return None
        if self.tokenizer_kind() == "char":
            return self.corpus.n_chars
        return self.token_counts.get(self._token_key())

    # --- reactions --------------------------------------------------------------------------
    def _on_value_changed(self, _value: Any = None) -> None:
        if not self._applying_preset and self.key(self.preset_combo) != "custom":
            self.preset_combo.blockSignals(True)
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
            self.preset_combo.blockSignals(False)
        self._on_changed()

    def _on_preset_chosen(self, _index: int = 0) -> None:
        if not self.ready:
            return
        preset = self.key(self.preset_combo)
        if preset != "custom":
            from core.training.config import preset_config

            config = preset_config(preset)
            self.activation.set_value(config.activation, quiet=True)
            self._applying_preset = True
            try:
                for name, spin in self.spins.items():
                    if not (self.fine_tuning and name in ARCHITECTURE_FIELDS[:3]):
                        spin.setValue(getattr(config, name))
            finally:
                self._applying_preset = False
        self._on_changed()

    def _on_changed(self, *_args: Any) -> None:
        self.fine_tune.apply()
        if self.fine_tuning:  # the model's own non-linearity (GPT-2: activation_function, BERT: hidden_act)
            config = self.model.model.config
            self.activation.set_value(getattr(config, "activation_function", None)
                                      or getattr(config, "hidden_act", "gelu"), quiet=True)
        self._refresh()
        self.changed.emit()

    def set_state(self, state: str) -> None:
        """"idle", "preparing", "running" or "paused": which buttons and settings are usable."""
        self.state = state
        self._refresh()

    def _refresh(self) -> None:
        """Enable what applies, recount the corpus, re-check the settings and the estimates."""
        from gui.training.checks import corpus_text, epoch_line, estimate_text, find_problems

        idle = self.state == "idle"
        objective, fine_tuning = self.key(self.objective_combo), self.fine_tuning
        for widget in (self.tokenizer_combo, self.objective_combo, self.start_from_combo, self.preset_combo,
                       self.device_combo, *self.spins.values()):
            widget.setEnabled(idle)
        self.tokenizer_combo.setEnabled(idle and not fine_tuning)
        self.objective_combo.setEnabled(idle and not fine_tuning)  # the model's kind decides it
        self.activation.setEnabled(idle and objective != "bigram" and not fine_tuning)
        self.vocab_spin.setEnabled(idle and not fine_tuning and self.key(self.tokenizer_combo) == "bpe")
        for name in ARCHITECTURE_FIELDS:
            fixed = objective == "bigram" or (fine_tuning and name != "dropout")
            self.spins[name].setEnabled(idle and not fixed)
        self.mixed_check.setEnabled(idle and self.ready and self.resolved_device().startswith("cuda"))
        self.run_settings.apply(idle, objective, self.corpus)
        self.spins["max_iters"].setEnabled(idle and not self.run_settings.fields()["epochs"])
        self.run_settings.epoch_label.setText(epoch_line(self))
        self.corpus_label.setText(corpus_text(self))
        self.problems = find_problems(self) if self.ready else []
        self.estimate_label.setText(estimate_text(self) if self.ready and self.corpus is not None else "")  # never raises
        self.problem_label.setText("\n".join(self.problems))
        self.problem_label.setVisible(bool(self.problems))
        self.start_button.setEnabled(idle and self.ready and not self.problems)
        self.start_button.setToolTip("\n".join(self.problems))
        self.pause_button.setEnabled(self.state in ("running", "paused"))
        self.pause_button.setText(translate("TrainingTab", "&Resume") if self.state == "paused"
                                  else translate("TrainingTab", "&Pause"))
        self.stop_button.setEnabled(not idle)
        self.resume_button.setEnabled(idle and self.ready and self.corpus is not None)
