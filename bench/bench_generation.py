"""Speculative decoding's speed-up over greedy decoding, and the logit lens's time, on CPU.

    python bench/bench_generation.py [--repeats 5] [--new-tokens 64]

Speculative decoding: the draft is the built-in model (`core.assets.builtin_model_dir()`, 4 layers,
128 wide, vocabulary 2,048). The main model is a 12-layer GPT on the same tokenizer: the built-in
model's embeddings, final norm and 4 blocks, followed by 8 more blocks whose output projections
are small random matrices (`--noise`, standard deviation), so it computes nearly, but not exactly,
what the draft does and costs three times as much per token. (No larger model trained on the
built-in tokenizer ships with the app; a real one would accept fewer guesses.) Plain greedy
decoding of the same model, in the same run, is the baseline; every run is checked to write the
same tokens. Prompt lookup runs on a prompt that repeats itself.

Logit lens: `core.next_token.logit_lens.logit_lens` at 128 tokens, every position, against one plain
forward pass of the same model at 128 tokens (the baseline), for the 12-layer model above and for a
GPT-2-small-shaped model (12 layers, 768 wide, 12 heads, vocabulary 2,048, random weights).
Medians of `--repeats` runs taking turns (so a busy machine slows every method alike), wall time,
one process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROMPT = "The for statement is used to iterate over the elements of a sequence"
REPEATING = ("def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n\n"
             "def mul(a, b):\n    return a * b\n\ndef div(a, b):\n    return")


def interleaved(runs: dict, repeats: int) -> tuple[dict[str, float], dict[str, object]]:
    """Median seconds and last result of each run, the runs taking turns (a busy machine slows them alike)."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, object] = {}
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}, results


def build_main_model(folder: Path, builtin: Path, noise: float):
    """The 12-layer model described in the module docstring, saved in `folder` and loaded."""
    import torch

    from core.model.checkpoint import load_gpt_from_hf_folder, save_checkpoint
    from core.model.gpt import GPT, GPTConfig
    from core.model.loading import load_model

    small = load_gpt_from_hf_folder(builtin)
    config = GPTConfig(**{**small.config.__dict__, "n_layer": 12, "dropout": 0.0})
    torch.manual_seed(0)
    big = GPT(config)
    state = big.state_dict()
    for name, value in small.state_dict().items():
        state[name] = value.clone()  # blocks 0-3, embeddings and the final norm of the built-in model
    for layer in range(small.config.n_layer, config.n_layer):
        for part in ("attn.c_proj", "mlp.c_proj"):
            state[f"transformer.h.{layer}.{part}.weight"].normal_(0.0, noise)
            if f"transformer.h.{layer}.{part}.bias" in state:
                state[f"transformer.h.{layer}.{part}.bias"].zero_()
    big.load_state_dict(state)
    save_checkpoint(big, folder, tokenizer=load_model(builtin).tokenizer)
    return load_model(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--noise", type=float, default=0.01)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args()

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    from transformers import GPT2Config, GPT2LMHeadModel

    from core.assets import builtin_model_dir
    from core.model.loading import load_model
    from core.next_token.logit_lens import logit_lens
    from core.next_token.speculative import prompt_lookup_decode, speculative_decode, timed_greedy

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    builtin = builtin_model_dir()
    if builtin is None:
        sys.exit("the built-in model is missing (assets/models/builtin-gpt)")
    draft = load_model(builtin)
    with tempfile.TemporaryDirectory() as folder:
        main_model = build_main_model(Path(folder) / "gpt-12", builtin, args.noise)
    n = args.new_tokens
    print(f"main: {main_model.n_layers} layers, {main_model.n_parameters / 1e6:.2f} M parameters; "
          f"draft: {draft.n_layers} layers, {draft.n_parameters / 1e6:.2f} M parameters; {n} new tokens")

    print("\n## Speculative decoding (median of", args.repeats, "interleaved runs)")
    for prompt_name, prompt in (("prose prompt", PROMPT), ("repeating prompt", REPEATING)):
        ids = main_model.encode(prompt)
        runs = {"greedy (baseline)": lambda: timed_greedy(main_model, ids, n, stop_at_eos=False)}
        for k in (2, 4, 6):
            runs[f"draft k={k}"] = lambda k=k: speculative_decode(main_model, draft, ids, n, k, stop_at_eos=False)
        runs["prompt lookup k=4"] = lambda: prompt_lookup_decode(main_model, ids, n, 4, stop_at_eos=False)
        timed_greedy(main_model, ids, 4)  # warm-up
        speculative_decode(main_model, draft, ids, 4, 2)
        times, results = interleaved(runs, args.repeats)
        greedy = results["greedy (baseline)"]
        base = times["greedy (baseline)"]
        print(f"{prompt_name}: greedy baseline {len(greedy.token_ids) / base:.1f} tokens/s "
              f"({greedy.main_passes} passes of the main model)")
        for name, seconds in times.items():
            if name.startswith("greedy"):
                continue
            result = results[name]
            assert result.token_ids == greedy.token_ids, f"{name}: not the greedy text"
            print(f"  {name}: {len(result.token_ids) / seconds:.1f} tokens/s, acceptance "
                  f"{result.acceptance_rate:.0%}, {result.main_passes} main passes, speed-up x{base / seconds:.2f}")

    print("\n## Logit lens at 128 tokens (median of", args.repeats, "runs)")
    eos = draft.tokenizer.eos_token_id
    gpt2_small = GPT2LMHeadModel(GPT2Config(n_layer=12, n_head=12, n_embd=768, n_positions=128, bos_token_id=eos,
                                            eos_token_id=eos, vocab_size=len(draft.tokenizer))).eval()
    small_shaped = type(main_model)(**{**main_model.__dict__, "name": "gpt2-small-shape", "model": gpt2_small})
    ids = (main_model.encode(PROMPT + " ") * 20)[:128]
    for loaded in (main_model, small_shaped):
        tensor = torch.tensor([ids])

        def forward(model=loaded.model):
            with torch.no_grad():
                model(tensor)

        forward()
        logit_lens(loaded, ids, "all")
        times, _ = interleaved({"forward": forward, "all": lambda: logit_lens(loaded, ids, "all"),
                                "last": lambda: logit_lens(loaded, ids, "last")}, args.repeats)
        base, lens_all, lens_last = times["forward"], times["all"], times["last"]
        print(f"{loaded.name} ({loaded.model.config.n_layer} layers, {loaded.model.config.n_embd} wide): forward "
              f"{base * 1000:.0f} ms; lens, every position {lens_all * 1000:.0f} ms (x{lens_all / base:.2f}); "
              f"last position {lens_last * 1000:.0f} ms (x{lens_last / base:.2f})")


if __name__ == "__main__":
    main()
