"""Texts the Training tab makes when a run ends: the title of a failure and the lines about the result.

Functions of plain values, called again after a language change (the tab keeps them in its LiveTexts).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.common.locale_numbers import count, decimal
from gui.training.checks import format_count
from gui.training.series import format_seconds

translate = QCoreApplication.translate


def header_texts() -> tuple[str, str, list[str]]:
    """The tab header's title, summary and points in the current language."""
    return (translate("TrainingTab", "Training"),
            translate("TrainingTab", "A language model learns by guessing the next token millions of times and "
                                     "correcting itself. Here a small model learns from the current corpus while "
                                     "you watch."),
            [translate("TrainingTab", "Train and validation loss plotted live, with a count-based bigram baseline "
                                      "to beat, and text samples as the model learns."),
             translate("TrainingTab", "What the model sees: one batch of the current settings as token chips, "
                                      "inputs over the targets they predict."),
             translate("TrainingTab", "Runs on the GPU when there is one (CUDA or Apple MPS), otherwise on the CPU; "
                                      "then use the trained checkpoint in the other tabs.")])


def model_name(model_type: str) -> str:
    """What a run trains, for status lines: "GPT", "RoBERTa" (masked LM) or "bigram table"."""
    names = {"gpt": "GPT", "mlm": "RoBERTa", "bigram": translate("TrainingTab", "bigram table")}
    return names.get(model_type, model_type)


def error_title(kind: str | None) -> str:
    """The first line of a failed run's message, for its `TrainingError.kind`."""
    titles = {"nan": translate("TrainingTab", "The loss became NaN (not a number)."),
              "out-of-memory": translate("TrainingTab", "Out of memory."),
              "corpus-too-short": translate("TrainingTab", "The corpus is too short."),
              "device": translate("TrainingTab", "The device is not available."),
              "tokenizer": translate("TrainingTab", "The tokenizer could not be built."),
              "checkpoint": translate("TrainingTab", "A checkpoint could not be saved or read."),
              "invalid-config": translate("TrainingTab", "These settings cannot run.")}
    return titles.get(kind or "", translate("TrainingTab", "Training failed."))


def result_text(info: dict[str, Any], checkpoint: Path | None, model_type: str | None) -> str:
    """The lines under the samples once a run ends: how it ended, its best val loss and its checkpoint.

    `info` is the worker's `finished` dict (empty before any run), `model_type` the run's objective."""
    lines = []
    if info.get("status") == "completed":
        lines.append(translate("TrainingTab", "Finished {steps} steps in {time}.").format(
            steps=count(info["step"]), time=format_seconds(info["elapsed_s"])))
    elif info.get("status") == "stopped":
        lines.append(translate("TrainingTab", "Stopped at step {step}. Checkpoints are written whole or not at all, "
                                              "so nothing half-saved is left.").format(step=count(info["step"])))
    if info.get("best_val_loss") is not None:
        lines.append(translate("TrainingTab", "Best val loss: {loss}.").format(loss=decimal(info["best_val_loss"], 4)))
    if model_type == "bigram":
        lines.append(translate("TrainingTab", "A bigram table is not a transformer, so the other tabs cannot use it; "
                                              "its loss is the baseline a real model has to beat."))
    elif checkpoint is not None:
        lines.append(translate("TrainingTab", "Checkpoint: {folder} (Open folder shows it)").format(
            folder=f"{checkpoint.parent.name}/{checkpoint.name}"))
        if model_type == "mlm":
            lines.append(translate("TrainingTab", "It loads as a masked LM: the Next token tab will fill masks."))
    return "\n".join(lines)


def combo_item_texts(fine_tune_text: str, device_texts: dict[str, str]) -> dict[str, dict[str, str]]:
    """The settings column's combo items in the current language: combo name -> {item key: text}."""
    return {
        "tokenizer": {"char": translate("TrainingTab", "Characters"),
                      "bpe": translate("TrainingTab", "Byte-level BPE")},
        "objective": {"gpt": translate("TrainingTab", "Causal GPT (next token)"),
                      "bigram": translate("TrainingTab", "Bigram table (baseline)"),
                      "mlm": translate("TrainingTab", "Masked LM (RoBERTa)")},
        "start_from": {"scratch": translate("TrainingTab", "Scratch"), "finetune": fine_tune_text},
        "preset": {"cpu-quick": translate("TrainingTab", "CPU quick"),
                   "gpu-baby": translate("TrainingTab", "GPU baby"),
                   "custom": translate("TrainingTab", "Custom")},
        "device": device_texts,
    }


def field_label_texts() -> dict[str, str]:
    """The settings column's field labels in the current language: config field (or box name) -> label."""
    return {"tokenizer": translate("TrainingTab", "Tokenizer:"),
            "vocab": translate("TrainingTab", "BPE vocabulary:"),
            "objective": translate("TrainingTab", "Objective:"),
            "start_from": translate("TrainingTab", "Start from:"), "preset": translate("TrainingTab", "Preset:"),
            "n_layer": translate("TrainingTab", "Layers:"), "n_head": translate("TrainingTab", "Heads:"),
            "n_embd": translate("TrainingTab", "Width (n_embd):"),
            "block_size": translate("TrainingTab", "Block size (context):"),
            "dropout": translate("TrainingTab", "Dropout:"),
            "activation": translate("TrainingTab", "Activation:"),
            "sample_text": translate("TrainingTab", "Sample text:"),
            "batch_size": translate("TrainingTab", "Batch size:"),
            "gradient_accumulation_steps": translate("TrainingTab", "Gradient accumulation:"),
            "learning_rate": translate("TrainingTab", "Learning rate:"),
            "warmup_iters": translate("TrainingTab", "Warmup steps:"),
            "max_iters": translate("TrainingTab", "Iterations:"),
            "eval_interval": translate("TrainingTab", "Evaluate every (steps):"),
            "eval_iters": translate("TrainingTab", "Batches per evaluation:"),
            "seed": translate("TrainingTab", "Seed:"), "device": translate("TrainingTab", "Device:")}


def device_texts(present: list[str] | None) -> dict[str, str]:
    """The device combo's items: "Auto (CPU)", "CUDA (not available)"... `present` lists the devices
    found, best first (None until the tab has looked: plain names then)."""
    names = {"auto": translate("TrainingTab", "Auto"), "cuda": "CUDA",
             "mps": translate("TrainingTab", "MPS (Apple GPU)"), "cpu": "CPU"}
    if not present:
        return names
    texts = {"auto": translate("TrainingTab", "Auto ({device})").format(device=names[present[0]])}
    for key in ("cuda", "mps", "cpu"):
        texts[key] = names[key] if key in present else translate("TrainingTab", "{device} (not available)").format(
            device=names[key])
    return texts


def fine_tune_text(model: Any) -> str:
    """The "Start from" item that fine-tunes the session's current model (None: no model)."""
    if model is None:
        return translate("TrainingTab", "Fine-tune the current model (none loaded)")
    return translate("TrainingTab", "Fine-tune the current model ({name})").format(name=model.name)


def run_status_text(info: dict[str, Any], device: str) -> str:
    """The header's status while a run trains: its size, model, `device` (in words) and the uniform guess's loss."""
    return translate("TrainingTab", "Training a {params}-parameter {model} on {device}; a uniform guess would score "
                                    "{uniform}.").format(params=format_count(info["n_parameters"]),
                                                         model=model_name(info["model_type"]), device=device,
                                                         uniform=decimal(info["uniform_loss"], 2))


def model_tokenizer_text(vocab_size: int | None) -> str:
    """The tokenizer item used while fine-tuning: the model's own, with its vocabulary size."""
    if vocab_size is None:
        return translate("TrainingTab", "The model's own")
    return translate("TrainingTab", "The model's own ({n} tokens)").format(n=count(vocab_size))


def flops_text(flops_per_s: float) -> str:
    """The achieved training rate: "2.4 GFLOP/s" (or T for tera, M for mega)."""
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M")):
        if flops_per_s >= scale:
            return translate("TrainingTab", "{n} {prefix}FLOP/s").format(n=decimal(flops_per_s / scale, 1),
                                                                         prefix=prefix)
    return translate("TrainingTab", "{n} FLOP/s").format(n=count(round(flops_per_s)))


def flops_tooltip(flops_per_token: int | None, has_peak: bool) -> str:
    """What the FLOP/s readout measures, and why MFU is (not) shown."""
    text = translate("TrainingTab", "Arithmetic done per second of training: {per_token} floating-point operations "
                                    "per token (about 6 per parameter, forward and backward, plus attention) times "
                                    "the tokens per second.").format(
        per_token=count(flops_per_token) if flops_per_token else "?")
    if has_peak:
        return text + " " + translate("TrainingTab", "MFU compares it with this GPU's published peak.")
    return text + " " + translate("TrainingTab", "MFU (the share of the device's peak) is shown only for GPUs "
                                                 "whose peak is known: a CPU has no single published peak, and "
                                                 "small models use only a sliver of it.")


def settings_texts() -> dict[str, str]:
    """The settings column's other fixed texts in the current language: tooltips, box titles, buttons."""
    return {
        "preset_cpu_tip": translate("TrainingTab", "nanoGPT's CPU model: 4 layers, 4 heads, width 128, block 64"),
        "preset_gpu_tip": translate("TrainingTab", "nanoGPT's Shakespeare GPU model: 6 layers, 6 heads, width 384, "
                                                   "block 256"),
        "sample_placeholder": translate("TrainingTab", "the start of the validation text"),
        "sample_tip": translate("TrainingTab", "What each evaluation's sample starts from (a GPT continues it), or "
                                               "the sentence whose hidden tokens a masked LM guesses."),
        "vocab_name": translate("TrainingTab", "BPE vocabulary size"),
        "box_data": translate("TrainingTab", "Data"), "box_model": translate("TrainingTab", "Model"),
        "box_optimisation": translate("TrainingTab", "Optimisation"),
        "box_hardware": translate("TrainingTab", "Hardware"),
        "mixed": translate("TrainingTab", "Mixed precision (bf16/fp16, CUDA only)"),
        "estimate_tip": translate("TrainingTab", "Memory for one training step: weights, gradients, the two AdamW "
                                                 "moments and the activations kept for the backward pass."),
        "start": translate("TrainingTab", "&Start"), "stop": translate("TrainingTab", "S&top"),
        "resume": translate("TrainingTab", "R&esume…"),
        "resume_tip": translate("TrainingTab", "Continue a run saved earlier from where it stopped: choose its folder "
                                               "(the one holding “last”). It keeps its own settings and tokenizer."),
    }
