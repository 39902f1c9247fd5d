"""`lm-anatomy train` with question/answer records, a run length in epochs and a mask probability."""

from __future__ import annotations

import json

import torch

from core.training.cli import EXIT_OK, EXIT_USAGE, main
from core.training.epochs import iters_for_epochs

torch.set_num_threads(1)

TINY = ["--preset", "custom", "--n-layer", "1", "--n-head", "2", "--n-embd", "16", "--block-size", "16",
        "--batch-size", "4", "--warmup", "0", "--eval-interval", "50", "--eval-iters", "1", "--sample-tokens", "0",
        "--device", "cpu", "--threads", "1"]


def run_cli(capsys, argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def qa_file(tmp_path):
    path = tmp_path / "sums.jsonl"
    records = [{"question": f"What is {i} plus {i}?", "answer": f"It is {2 * i}."} for i in range(60)]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_records_and_epochs_from_the_command_line(capsys, tmp_path):
    code, out, err = run_cli(capsys, ["--corpus", qa_file(tmp_path), *TINY, "--epochs", "0.25", "--val-fraction",
                                      "0.15", "--split-seed", "4", "--out", tmp_path / "run"])
    assert code == EXIT_OK, err
    assert "Records: 60, each ending with token" in err and "9 whole records are the val split" in err
    assert "One epoch (a pass over the" in err
    result = json.loads(out.strip().splitlines()[-1])
    train_tokens = int(err.split("Tokens: ")[1].split(" (")[1].split(" train")[0].replace(",", ""))
    assert result["steps"] == iters_for_epochs(0.25, train_tokens, 4 * 16)
    saved = json.loads((tmp_path / "run" / "last" / "config.json").read_text())
    assert saved["vocab_size"] > 0


def test_mask_probability_and_bad_lengths(capsys, tmp_path):
    corpus = tmp_path / "text.txt"
    corpus.write_text("the cat sat on the mat. " * 60, encoding="utf-8")
    code, _out, err = run_cli(capsys, ["--corpus", corpus, *TINY, "--objective", "mlm", "--mlm-probability", "0.3",
                                       "--max-iters", "2", "--out", tmp_path / "mlm"])
    assert code == EXIT_OK, err
    code, _out, err = run_cli(capsys, ["--corpus", corpus, "--mlm-probability", "1.5", "--out", tmp_path / "x"])
    assert code == EXIT_USAGE and "mlm_probability" in err
    code, _out, err = run_cli(capsys, ["--corpus", corpus, "--epochs", "2", "--max-iters", "5", "--out", tmp_path / "y"])
    assert code == EXIT_USAGE and "not both" in err
