"""Benchmark of the Tokenization tab's BPE: training cost and slider responsiveness.

    python bench/bench_tokenization.py /path/to/tinyshakespeare.txt [--mb 1] [--vocab 8000] [--repeats 3]

Takes the first `--mb` megabytes of the corpus, keeps the last 10% aside as held-out text and
measures, in the same run and on the same chunks of text:

(a) raw Hugging Face `tokenizers` BPE training;
(b) LM Anatomy's training (`BpeTokenizer.train`) plus the merge-replay data the view needs:
    the pair count of every merge and the chart curve on the held-out text.

Then it times the re-tokenization of one paragraph as the merge slider moves. Each timing is
repeated and the median is reported, since a shared machine is noisy. Goals: (b) <= 1.0 s for
1 MB; a slider move < 30 ms.
"""

from __future__ import annotations

import argparse
import codecs
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.tokenization.base import split_held_out
from core.tokenization.bpe import DEFAULT_SPECIAL_TOKENS, BpeTokenizer, _chunks_of  # noqa: E402


def read_prefix(path: Path, n_bytes: int) -> str:
    """The first `n_bytes` of a UTF-8 file, without a character cut in half at the end."""
    with path.open("rb") as handle:
        data = handle.read(n_bytes)
    return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)


def raw_training(text: str, vocab_size: int) -> tuple[float, float]:
    """Wall and CPU seconds for plain `tokenizers` byte-level BPE training on the same chunks."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    started, cpu = time.perf_counter(), time.process_time()
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, min_frequency=2, special_tokens=list(DEFAULT_SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
    )
    tokenizer.train_from_iterator(_chunks_of(text), trainer=trainer)
    return time.perf_counter() - started, time.process_time() - cpu


def our_training(text: str, held_out: str, vocab_size: int) -> tuple[dict[str, float], BpeTokenizer]:
    """Wall seconds per phase of our training plus replay data (and CPU seconds in all), and the tokenizer."""
    started, cpu = time.perf_counter(), time.process_time()
    result = BpeTokenizer.train(text, vocab_size)
    trained = time.perf_counter()
    merges = result.merges
    counted = time.perf_counter()
    result.tokenizer.curve(held_out)
    done, cpu = time.perf_counter(), time.process_time() - cpu
    assert len(merges) == result.tokenizer.num_merges
    phases = {"train": trained - started, "merge counts": counted - trained, "curve": done - counted,
              "total": done - started, "cpu": cpu}
    return phases, result.tokenizer


def slider_timings(tokenizer: BpeTokenizer, paragraph: str, moves: int = 50) -> tuple[float, list[float]]:
    """Milliseconds for the first replay of a new paragraph, then for `moves` random slider moves."""
    rng = random.Random(0)
    started = time.perf_counter()
    tokenizer.replay(paragraph, tokenizer.num_merges // 2)
    first = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(moves):
        k = rng.randint(0, tokenizer.num_merges)
        started = time.perf_counter()
        tokenizer.replay(paragraph, k)
        times.append((time.perf_counter() - started) * 1000)
    return first, times


def pick_paragraph(text: str, target: int = 800) -> str:
    """About `target` characters of `text`, ending at a line end."""
    end = text.find("\n", target)
    return text[: end if end > 0 else target]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a UTF-8 text file (only read, never copied)")
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of the corpus to use (default 1)")
    parser.add_argument("--vocab", type=int, default=8000, help="vocabulary size (default 8000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each measurement (default 3)")
    args = parser.parse_args(argv)

    text = read_prefix(args.corpus, int(args.mb * 1_000_000))
    train_text, held_out = split_held_out(text)
    print(f"corpus: {args.corpus.name}, {len(text.encode('utf-8')):,} bytes "
          f"({len(train_text):,} chars trained on, {len(held_out):,} held out), vocab {args.vocab}")

    raw_runs, raw_cpu, our_runs, tokenizer = [], [], [], None
    for _ in range(args.repeats):  # alternate, so that load changes hit both alike
        wall, cpu = raw_training(train_text, args.vocab)
        raw_runs.append(wall)
        raw_cpu.append(cpu)
        phases, tokenizer = our_training(train_text, held_out, args.vocab)
        our_runs.append(phases)

    def show(label: str, values: list[float]) -> None:
        runs = ", ".join(f"{t:.3f}" for t in values)
        print(f"{label:<34} median {statistics.median(values):.3f} s  min {min(values):.3f} s  (runs: {runs})")

    show("(a) raw tokenizers training", raw_runs)
    for phase in ("train", "merge counts", "curve", "total"):
        show(f"(b) ours, {phase}", [run[phase] for run in our_runs])
    show("(a) CPU time", raw_cpu)
    show("(b) CPU time", [run["cpu"] for run in our_runs])
    raw, ours = statistics.median(raw_runs), statistics.median(run["total"] for run in our_runs)
    best_ratio = min(run["total"] for run in our_runs) / min(raw_runs)
    print(f"ratio (b)/(a): median {ours / raw:.2f}, best-of {best_ratio:.2f}   "
          f"goal (b) <= 1.0 s: {'met' if ours <= 1.0 else 'NOT met'} (median)")

    paragraph = pick_paragraph(held_out)
    first, moves = slider_timings(tokenizer, paragraph)
    print(f"slider, {len(paragraph)}-char paragraph: first replay {first:.2f} ms, moves median "
          f"{statistics.median(moves):.2f} ms, max {max(moves):.2f} ms   goal < 30 ms: "
          f"{'met' if max(first, max(moves)) < 30 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
