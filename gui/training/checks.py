"""What the Training tab checks before Start, and its live size estimates.

Plain functions over a `TrainingControls`: the corpus line (characters and tokens), the list of
reasons the settings cannot run (empty when Start may be pressed), and the parameter count and
memory estimate. The core's own `TrainingConfig.validate()` supplies most of the reasons.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.core_text import localized
from gui.common.locale_numbers import count, decimal
from gui.common.session import corpus_origin

translate = QCoreApplication.translate

EXACT_CHAR_VOCAB_LIMIT = 20_000_000  # count distinct characters exactly up to this many characters
VAL_FRACTION = 0.1  # as core.training.data


def format_bytes(n: float) -> str:
    """A size in the current language: 512 B, 60.0 MiB (60,0 MiB in Portuguese)."""
    for unit in ("B", "KiB", "MiB"):
        if n < 1024:
            return f"{count(round(n))} {unit}" if unit != "MiB" else f"{decimal(n, 1)} {unit}"
        n /= 1024
    return f"{decimal(n, 1)} GiB"


def format_count(n: int) -> str:
    """A parameter count, short: 812, 12.3 k, 0.81 M (decimals in the current language)."""
    if n >= 1_000_000:
        return f"{decimal(n / 1e6, 2)} M"
    if n >= 1_000:
        return f"{decimal(n / 1e3, 1)} k"
    return count(n)


def char_vocab_size(controls: Any) -> tuple[int, bool]:
    """(distinct characters + 1 for [UNK], exact?) of the corpus; a preview's count for huge corpora."""
    corpus = controls.corpus
    cached = controls._char_vocab
    if cached is not None and cached[0] == id(corpus):
        return cached[1], cached[2]
    exact = corpus.text is not None and corpus.n_chars <= EXACT_CHAR_VOCAB_LIMIT
    size = len(set(corpus.text if exact else corpus.preview)) + 1
    controls._char_vocab = (id(corpus), size, exact)
    return size, exact


def corpus_text(controls: Any) -> str:
    corpus = controls.corpus
    if corpus is None:
        return translate("TrainingTab", "No corpus yet: open one with File > Open corpus.")
    tokens = controls.token_count()
    if tokens is None:
        tokens_text = translate("TrainingTab", "tokens counted when training starts")
    else:
        tokens_text = translate("TrainingTab", "{n} tokens").format(n=count(tokens))
    text = translate("TrainingTab", "Corpus: {name}\n{chars} characters · {tokens}").format(
        name=localized(corpus.name_message or corpus.name), chars=count(corpus.n_chars), tokens=tokens_text)
    origin = corpus_origin(corpus)  # compression, encoding, repairs: empty for a plain UTF-8 file
    return f"{text}\n{origin}" if origin else text


def _fine_tuning_problems(controls: Any) -> list[str]:
    """What stops fine-tuning the current model with these settings (the model itself was checked when it
    became current: `gui.training.fine_tune`)."""
    context = controls.fine_tune.shape.context if controls.fine_tune.shape is not None else None
    if context is not None and controls.value("block_size") > context:
        return [translate("TrainingTab", "The block size ({block}) is longer than the model's context "
                                         "({context}).").format(block=controls.value("block_size"), context=context)]
    return []


def find_problems(controls: Any) -> list[str]:
    """Reasons the current settings cannot start; empty when they can."""
    from core.devices import available_devices
    from core.training.config import TrainingConfigError

    if controls.corpus is None:
        return [translate("TrainingTab", "Open a corpus first (File > Open corpus).")]
    problems = _fine_tuning_problems(controls) if controls.fine_tuning else []
    device = controls.key(controls.device_combo)
    if device != "auto" and device not in available_devices():
        problems.append(translate("TrainingTab", "{device} is not available on this machine.").format(
            device=device.upper()))
    try:
        controls.build_config("run").validate()
    except TrainingConfigError as error:
        problems.extend(localized(problem) for problem in error.problems)
    tokens, block = controls.token_count(), controls.value("block_size")
    if tokens is not None:
        val = int(round(tokens * VAL_FRACTION))
        if min(tokens - val, val) <= block:
            problems.append(translate("TrainingTab", "The corpus is too short: its validation split has {val} tokens, "
                                                     "but one example needs block size + 1 = {need}. Use a longer "
                                                     "corpus or a block size of at most {most}.").format(
                val=count(val), need=block + 1, most=max(0, min(tokens - val, val) - 1)))
    return problems


def vocab_size(controls: Any) -> tuple[int, bool]:
    kind = controls.tokenizer_kind()
    if kind == "model":
        return len(controls.model.tokenizer), True
    if kind == "bpe":
        return controls.vocab_spin.value(), True
    return char_vocab_size(controls)


def _mlm_parameters(vocab: int, width: int, layers: int, block: int) -> int:
    """RobertaForMaskedLM as core.training.setup builds it (tied decoder; positions block + 2)."""
    embeddings = vocab * width + (block + 2) * width + width + 2 * width
    per_layer = 4 * width * width + 4 * width + 2 * width + 8 * width * width + 5 * width + 2 * width
    head = width * width + width + 2 * width + vocab
    return embeddings + layers * per_layer + head


def estimate_text(controls: Any) -> str:
    """"≈ 0.81 M parameters · about 60 MiB to train · 768 tokens per step" for the current settings; a short
    message instead when the settings (or the model being fine-tuned) cannot be estimated."""
    try:
        return _estimate(controls)
    except Exception as error:  # noqa: BLE001 - a model of an unexpected shape must not break the settings
        return translate("TrainingTab", "No estimate for these settings: {reason}").format(
            reason=localized(error) or type(error).__name__)


def _estimate(controls: Any) -> str:
    from core.model.gpt import GPTConfig, estimate_memory_bytes, estimate_num_parameters

    vocab, exact = vocab_size(controls)
    v = controls.value
    block, batch, objective = v("block_size"), v("batch_size"), controls.key(controls.objective_combo)
    mixed = controls.mixed_check.isChecked() and controls.resolved_device().startswith("cuda")
    if controls.fine_tuning:  # the model's own sizes, whatever its config calls them
        shape = controls.fine_tune.shape
        gpt = GPTConfig(vocab_size=shape.vocab_size or vocab, block_size=block, n_layer=shape.layers,
                        n_head=shape.heads, n_embd=shape.width, bias=True)
    else:
        gpt = GPTConfig(vocab_size=vocab, block_size=block, n_layer=v("n_layer"), n_head=v("n_head"),
                        n_embd=v("n_embd"), bias=False)
    memory = estimate_memory_bytes(gpt, batch, bytes_per_activation=2 if mixed else 4)
    params = estimate_num_parameters(gpt)
    if objective == "bigram":
        params = vocab * vocab
        memory = 16 * params + 2 * batch * block * vocab * 4
    elif objective == "mlm":  # 16 bytes per parameter: weights, gradients and the two AdamW moments
        mlm = controls.model.n_parameters if controls.fine_tuning else _mlm_parameters(vocab, v("n_embd"),
                                                                                       v("n_layer"), block)
        memory, params = memory + 16 * (mlm - params), mlm
    text = translate("TrainingTab", "{approx}{params} parameters · about {memory} to train · {tokens} tokens per "
                                    "step")
    return text.format(approx="" if exact else "≈ ", params=format_count(params), memory=format_bytes(memory),
                       tokens=count(batch * block * v("gradient_accumulation_steps")))


def epoch_line(controls: Any) -> str:
    """The line under the run length: how many steps one epoch (a pass over the training tokens) takes, and
    the run's length in the other unit; the training tokens are estimated from the token count."""
    from gui.training.run_settings import epoch_text

    tokens, v = controls.token_count(), controls.value
    fields = controls.run_settings.fields()
    share = fields["val_fraction"] if getattr(controls.corpus, "kind", "") == "qa" else VAL_FRACTION
    train = None if tokens is None else round(tokens * (1 - share))
    return epoch_text(train, v("batch_size") * v("block_size") * v("gradient_accumulation_steps"), v("max_iters"),
                      fields["epochs"] or 0.0)
