"""Tests for `lm-anatomy train` (core.training.cli): one JSON line, exit codes, resume, Ctrl+C."""

from __future__ import annotations

import json
import math
import re
import signal

import pytest
import torch

from core.training import cli as training_cli
from core.training.cli import EXIT_FAILED, EXIT_OK, EXIT_STOPPED, EXIT_USAGE, main
from core.training.cli_report import Progress, format_duration
from tests.tiny_models import TRAINING_TEXT

torch.set_num_threads(1)

TEXT = TRAINING_TEXT

TINY = ["--preset", "custom", "--n-layer", "1", "--n-head", "2", "--n-embd", "32", "--block-size", "16",
        "--batch-size", "8", "--lr", "1e-2", "--min-lr", "1e-3", "--warmup", "2", "--eval-interval", "10",
        "--eval-iters", "4", "--log-interval", "5", "--device", "cpu", "--threads", "1"]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run_cli(capsys, argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def only_json_line(out: str) -> dict:
    lines = out.strip().splitlines()
    assert len(lines) == 1, f"stdout should hold exactly one JSON line, got {lines!r}"
    return json.loads(lines[0])


def eval_losses(err: str) -> dict[int, float]:
    """step -> val loss from the "step N: train loss X, val loss Y" lines on stderr."""
    return {int(s): float(v) for s, v in re.findall(r"^step (\d+): train loss [\d.]+, val loss ([\d.]+)", err, re.M)}


def test_trains_tiny_model_and_prints_one_json_line(capsys, corpus, tmp_path):
    out_dir = tmp_path / "run"
    code, out, err = run_cli(capsys, ["--corpus", corpus, *TINY, "--max-iters", "20", "--out", out_dir])
    assert code == EXIT_OK, err
    result = only_json_line(out)
    assert result["status"] == "completed"
    assert result["steps"] == result["max_iters"] == 20
    assert result["tokens"] == 20 * 8 * 16
    assert result["device"] == "cpu" and result["ms_per_iter"] > 0 and result["tokens_per_s"] > 0
    assert result["wall_s"] > 0 and result["eval_step"] == 20
    losses = eval_losses(err)
    assert set(losses) == {0, 10, 20}
    assert result["val_loss"] == pytest.approx(losses[20], abs=1e-4)
    assert result["val_loss"] < losses[0] - 0.3  # it learned something
    assert result["best_val_loss"] <= result["val_loss"] + 1e-9
    assert result["train_loss"] < math.log(result["vocab_size"])
    for name in ("best", "last"):
        folder = out_dir / name
        assert (folder / "config.json").is_file() and (folder / "model.safetensors").is_file()
        assert (folder / "tokenizer.json").is_file()
    assert (out_dir / "last" / "training_state.json").is_file()
    assert result["best_checkpoint"] == str(out_dir / "best")
    # the progress output went to stderr, not stdout
    assert "ETA" in err and "step 20/20" in err


def test_checkpoint_opens_in_transformers_with_the_same_predictions(capsys, corpus, tmp_path):
    from core.model.checkpoint import load_gpt_from_hf_folder
    from core.model.loading import load_model

    out_dir = tmp_path / "run"
    code, _, err = run_cli(capsys, ["--corpus", corpus, *TINY, "--max-iters", "10", "--out", out_dir])
    assert code == EXIT_OK, err
    ours = load_gpt_from_hf_folder(out_dir / "best").eval()
    assert ours.config.bias is False  # the presets train without biases, like nanoGPT
    loaded = load_model(out_dir / "best", device="cpu")
    assert type(loaded.model).__name__ == "GPT2LMHeadModel" and not loaded.warnings
    ids = loaded.encode("Teacher:\nCount")  # 14 characters, inside block_size 16
    with torch.no_grad():
        expected = ours(torch.tensor([ids]))[0][0]
    torch.testing.assert_close(torch.from_numpy(loaded.forward(ids).logits), expected, atol=1e-4, rtol=1e-4)


def test_resume_continues_and_finetune_starts_from_a_folder(capsys, corpus, tmp_path):
    out_dir = tmp_path / "run"
    assert run_cli(capsys, ["--corpus", corpus, *TINY, "--max-iters", "10", "--out", out_dir])[0] == EXIT_OK
    code, out, err = run_cli(capsys, ["--corpus", corpus, "--resume", "--max-iters", "20", "--device", "cpu",
                                      "--out", out_dir])
    assert code == EXIT_OK, err
    result = only_json_line(out)
    assert result["steps"] == 20 and result["tokens"] == 20 * 8 * 16  # counted from the checkpoint on
    assert "steps 10->20" in err
    code, out, err = run_cli(capsys, ["--corpus", corpus, "--finetune", out_dir / "best", "--max-iters", "5",
                                      "--block-size", "8", "--batch-size", "4", "--eval-interval", "5",
                                      "--eval-iters", "2", "--device", "cpu", "--out", tmp_path / "ft"])
    assert code == EXIT_OK, err
    result = only_json_line(out)
    assert result["steps"] == 5 and result["n_parameters"] < 20_000  # the 1-layer model, not the preset's
    assert (tmp_path / "ft" / "best" / "config.json").is_file()


def test_bpe_tokenizer_on_the_builtin_corpus_starts(capsys, tmp_path):
    code, out, err = run_cli(capsys, ["--corpus", "builtin", "--tokenizer", "bpe", "--vocab-size", "300",
                                      *TINY, "--max-iters", "2", "--eval-iters", "1", "--out", tmp_path / "run"])
    assert code == EXIT_OK, err
    result = only_json_line(out)
    assert result["vocab_size"] == 300 and result["steps"] == 2
    assert "documentation topics" in err


def test_ctrl_c_stops_cleanly_and_still_prints_the_json(capsys, corpus, tmp_path, monkeypatch):
    real_events = training_cli._events

    def interrupted_after_five_steps(*args, **kwargs):
        for event in real_events(*args, **kwargs):
            yield event
            if getattr(event, "step", 0) >= 5 and type(event).__name__ == "StepRecord":
                signal.raise_signal(signal.SIGINT)  # as if the user pressed Ctrl+C

    monkeypatch.setattr(training_cli, "_events", interrupted_after_five_steps)
    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when started in the background, as in CI
    out_dir = tmp_path / "run"
    code, out, err = run_cli(capsys, ["--corpus", corpus, *TINY, "--max-iters", "1000", "--out", out_dir])
    assert code == EXIT_STOPPED
    result = only_json_line(out)
    assert result["status"] == "stopped" and 5 <= result["steps"] < 1000
    assert (out_dir / "last" / "training_state.json").is_file()  # resumable
    assert "--resume" in err
    assert signal.getsignal(signal.SIGINT) == before  # the previous handler is restored


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--n-embd", "30", "--n-head", "4"], "divisible"),
        (["--dropout", "1.5"], "dropout"),
        (["--vocab-size", "0", "--tokenizer", "bpe"], "vocab-size"),
    ],
)
def test_impossible_settings_are_usage_errors(capsys, corpus, tmp_path, extra, message):
    code, out, err = run_cli(capsys, ["--corpus", corpus, "--out", tmp_path / "run", *extra])
    assert code == EXIT_USAGE
    assert message in err and out == ""
    assert not (tmp_path / "run").exists()  # nothing was trained or written


def test_missing_corpus_and_unknown_flags_are_usage_errors(capsys, tmp_path):
    code, out, err = run_cli(capsys, ["--corpus", tmp_path / "missing.txt", "--out", tmp_path / "run"])
    assert code == EXIT_USAGE and "does not exist" in err and out == ""
    code, _, err = run_cli(capsys, ["--corpus", "builtin", "--out", tmp_path / "run", "--no-such-flag"])
    assert code == EXIT_USAGE and "unrecognized arguments" in err
    code, _, err = run_cli(capsys, ["--out", tmp_path / "run"])
    assert code == EXIT_USAGE and "--corpus" in err
    code, _, err = run_cli(capsys, ["--corpus", "builtin", "--resume", "--out", tmp_path / "nothing-here"])
    assert code == EXIT_USAGE and "no checkpoint to resume" in err


def test_corpus_too_short_fails_with_a_message_and_json(capsys, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("To be, or not to be: that is the question.", encoding="utf-8")
    code, out, err = run_cli(capsys, ["--corpus", short, *TINY, "--block-size", "64", "--out", tmp_path / "run"])
    assert code == EXIT_FAILED
    assert "too short" in err
    result = only_json_line(out)
    assert result["status"] == "failed" and result["error"]["kind"] == "corpus-too-short"
    assert result["steps"] == 0


def test_help_and_the_app_entry_point(capsys):
    from gui.app import main as app_main

    assert app_main(["train", "--help"]) == 0
    assert "--max-iters" in capsys.readouterr().out


def test_presets_train_without_biases_and_decay_over_max_iters():
    from core.training.config import preset_config
    from core.training.loop import learning_rate_at

    for name in ("cpu-quick", "gpu-baby"):
        config = preset_config(name, max_iters=300)
        assert config.bias is False and config.lr_decay_iters is None
        assert learning_rate_at(299, config) == pytest.approx(config.min_lr, rel=1e-3)
        assert learning_rate_at(150, config) > 2 * config.min_lr


def test_format_duration():
    assert format_duration(5) == "5s"
    assert format_duration(75) == "1m15s"
    assert format_duration(3725) == "1h02m"
    assert format_duration(float("inf")) == "?"


def test_progress_redraws_one_line_on_a_terminal():
    import io

    from core.training.events import EvalResult, StepRecord

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = Progress(stream)
    for step in (10, 20):
        progress.step(StepRecord(step, 40, step * 100, 1e-3, train_loss=2.5, ms_per_iter=12.0, tokens_per_s=8000.0))
    progress.step(StepRecord(30, 40, 3000, 1e-3, train_loss=2.4, ms_per_iter=12.0, tokens_per_s=8000.0,
                             eval=EvalResult(2.4, 2.45, None, True)))
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r\x1b[K") >= 3 and "step 20/40" in text and "ETA" in text
    assert "step 30: train loss 2.4000, val loss 2.4500 (best)\n" in text  # eval lines stay on screen
    assert text.endswith("\n")


def test_python_dash_m_core_training_runs_the_cli():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    result = subprocess.run([sys.executable, "-m", "core.training", "--corpus", "builtin", "--preset", "custom",
                             "--n-embd", "30", "--n-head", "4", "--out", "unused"],
                            cwd=root, capture_output=True, text=True, timeout=240)
    assert result.returncode == EXIT_USAGE  # the CLI's own check of the settings, nothing trained
    assert "divisible" in result.stderr and not (root / "unused").exists()


def test_a_compressed_windows_1252_corpus_trains_and_says_where_its_text_came_from(capsys, tmp_path):
    import gzip

    path = tmp_path / "aula.txt.gz"
    path.write_bytes(gzip.compress((TEXT + "Não há ação sem emoção — “canção”.\n" * 20).encode("cp1252")))
    code, out, err = run_cli(capsys, ["--corpus", path, *TINY, "--max-iters", "2", "--out", tmp_path / "run"])
    assert code == EXIT_OK, err
    assert f"  read from {path}, gzip-compressed, Windows-1252 (detected by charset-normalizer)\n" in err
    assert only_json_line(out)["status"] == "completed"
    code, _, err = run_cli(capsys, ["--corpus", path, "--encoding", "utf-8", *TINY, "--out", tmp_path / "run2"])
    assert code == EXIT_USAGE and "Cannot read the corpus: aula.txt.gz is not valid UTF-8" in err


@pytest.mark.parametrize("fix_text", ["never", "auto"])
def test_fix_text_repairs_mojibake_only_when_asked_and_says_what_changed(capsys, tmp_path, fix_text):
    garbled = "Não há ação sem emoção.\n".encode().decode("cp1252")  # "NÃ£o hÃ¡ aÃ§Ã£o sem emoÃ§Ã£o."
    path = tmp_path / "copiado.txt"
    path.write_text(TEXT + garbled * 20, encoding="utf-8")
    code, _, err = run_cli(capsys, ["--corpus", path, "--fix-text", fix_text, *TINY, "--max-iters", "1",
                                    "--out", tmp_path / "run"])
    assert code == EXIT_OK, err
    example = "    'NÃ£o hÃ¡ aÃ§Ã£o sem emoÃ§Ã£o.' -> 'Não há ação sem emoção.'\n"
    if fix_text == "auto":
        assert f"  read from {path}, UTF-8, 120 characters repaired by ftfy\n" in err
        assert "  ftfy repaired 120 characters of mojibake on 20 lines:\n" + example in err
    else:
        assert f"  read from {path}, UTF-8, 120 characters look garbled (not repaired)\n" in err
        assert ("warning: ftfy finds 120 characters of mojibake on 20 lines, left as they are (--fix-text auto "
                "repairs them):\n" + example) in err
    code, _, err = run_cli(capsys, ["--corpus", path, "--fix-text", "always", "--out", tmp_path / "run2"])
    assert code == EXIT_USAGE and "invalid choice: 'always'" in err
