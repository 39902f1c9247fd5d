"""The shipped built-in model (assets/models/builtin-gpt): small, safe to load, better than a bigram table,
and bilingual: a Portuguese prompt gets a Portuguese continuation.

The validation loss is recomputed from the shipped files the way scripts/train_builtin_model.py
computed it: both built-in corpora (core.builtin_corpora.bilingual_corpus) tokenized with the shipped
tokenizer, the last 10% of the tokens, consecutive block_size windows, every token predicted once.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from core.assets import builtin_model_dir

MAX_BYTES = 10 * 2**20
MARGIN_NATS = 0.3  # the model must beat the count bigram baseline by at least this much

torch.set_num_threads(min(2, torch.get_num_threads()))


@pytest.fixture(scope="module")
def folder():
    path = builtin_model_dir()
    assert path is not None, "assets/models/builtin-gpt/config.json is missing; run scripts/train_builtin_model.py"
    return path


@pytest.fixture(scope="module")
def loaded(folder):
    from core.model.loading import load_model

    return load_model(folder, device="cpu")


@pytest.fixture(scope="module")
def val_split(folder, tmp_path_factory):
    from core.builtin_corpora import bilingual_corpus
    from core.tokenization.bpe import BpeTokenizer
    from core.training.data import tokenize_corpus

    tokenizer = BpeTokenizer.from_pretrained(folder)
    corpus = bilingual_corpus()
    data = tokenize_corpus(corpus, tokenizer, cache_root=tmp_path_factory.mktemp("tokens"))
    return corpus, data


def windowed_loss(model, tokens: np.ndarray, block_size: int, batch: int = 32) -> float:
    ids = np.asarray(tokens, dtype=np.int64)
    starts = range(0, (len(ids) - 1) // block_size * block_size, block_size)
    rows = torch.stack([torch.from_numpy(ids[s : s + block_size + 1]) for s in starts])  # (N, T + 1)
    total = 0.0
    with torch.no_grad():
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            logits = model(chunk[:, :-1]).logits.float()  # (B, T, V)
            total += F.cross_entropy(logits.reshape(-1, logits.size(-1)), chunk[:, 1:].reshape(-1),
                                     reduction="sum").item()
    return total / rows[:, 1:].numel()


def test_folder_is_small_and_safetensors_only(folder):
    files = [p for p in folder.iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= MAX_BYTES
    names = {p.name for p in files}
    assert {"config.json", "model.safetensors", "tokenizer.json", "README.md"} <= names
    assert not [p for p in files if p.suffix in (".bin", ".pt", ".pth", ".pkl", ".ckpt", ".pickle")]
    assert not [p for p in folder.iterdir() if p.is_dir()]
    assert not any(n.startswith("training_state") for n in names)  # no optimizer state shipped


def test_loads_as_gpt2_in_float32(loaded):
    assert loaded.kind == "causal-lm"
    assert type(loaded.model).__name__ == "GPT2LMHeadModel"
    assert not loaded.warnings  # every weight came from the file
    assert all(p.dtype == torch.float32 for p in loaded.model.parameters())
    assert loaded.context_length and loaded.n_layers >= 1 and loaded.n_heads >= 1


def test_our_gpt_class_loads_the_same_weights(folder, loaded):
    from core.model.checkpoint import load_gpt_from_hf_folder

    ours = load_gpt_from_hf_folder(folder).eval()
    ids = loaded.encode("The for statement is used to iterate")
    with torch.no_grad():
        expected = ours(torch.tensor([ids]))[0][0]
    torch.testing.assert_close(torch.from_numpy(loaded.forward(ids).logits), expected, atol=1e-4, rtol=1e-4)


def test_val_loss_is_clearly_below_the_bigram_baseline(folder, loaded, val_split):
    from core.model.bigram import count_baseline_loss

    corpus, data = val_split
    assert data.vocab_size == loaded.model.config.vocab_size
    train_tokens, val_tokens = data.split("train"), data.split("val")
    val_loss = windowed_loss(loaded.model, val_tokens, loaded.context_length)
    bigram = count_baseline_loss(train_tokens, val_tokens, data.vocab_size, "bigram")
    assert val_loss < bigram - MARGIN_NATS, (val_loss, bigram)
    assert val_loss < math.log(data.vocab_size) - 2.0
    meta = json.loads((folder / "lm_anatomy.json").read_text(encoding="utf-8"))
    if meta.get("corpus") == corpus.source:  # same Python version: the very numbers on the card
        assert val_loss == pytest.approx(meta["val_loss_windowed"], abs=2e-3)
        assert bigram == pytest.approx(meta["bigram_val_loss"], abs=2e-3)
        assert data.n_tokens == meta["n_tokens"] and data.split_index == meta["split_index"]


def test_model_card_reports_the_val_loss(folder):
    card = (folder / "README.md").read_text(encoding="utf-8")
    meta = json.loads((folder / "lm_anatomy.json").read_text(encoding="utf-8"))
    assert f"{meta['val_loss_windowed']:.4f}" in card and f"{meta['bigram_val_loss']:.4f}" in card
    for words in ("validation", "bigram", "python scripts/train_builtin_model.py", "pydoc_data", "tokens/s",
                  "Portuguese", "assets/corpora/pt_BR", "--corpus builtin-en-pt"):
        assert words in card
    assert meta["train_cli_args"][:2] == ["--corpus", "builtin-en-pt"]
    for language in ("en", "pt_BR"):  # each language's own figures, on the card too
        figures = meta["languages"][language]
        assert figures["val_loss"] < figures["bigram"] - MARGIN_NATS, (language, figures)
        assert f"{figures['val_loss']:.4f}" in card and f"{figures['n_chars']:,}" in card


def test_generates_text(loaded):
    ids = torch.tensor([loaded.encode("The for statement")])
    with torch.no_grad():
        out = loaded.model.generate(ids, max_new_tokens=20, do_sample=False,
                                    pad_token_id=loaded.model.config.eos_token_id)
    text = loaded.tokenizer.decode(out[0, ids.shape[1]:].tolist())
    assert len(text.strip()) >= 10
    assert sum(c.isprintable() or c.isspace() for c in text) == len(text)


# --- bilingual: the language of the prompt is the language of the continuation ---------------------------
PROMPTS = {"pt_BR": ("O gato subiu no", "A professora explicou que", "No fim de semana, a família"),
           "en": ("The for statement", "Boolean operations", "The return value of")}


@pytest.fixture(scope="module")
def vocabularies():
    """Words only the Portuguese corpus uses, and words only the English one uses (lower case, letters only)."""
    from core.builtin_corpora import builtin_corpus

    def words(text):
        return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1}

    portuguese, english = words(builtin_corpus("pt_BR").read_text()), words(builtin_corpus("en").read_text())
    return portuguese - english, english - portuguese


def language_counts(text: str, vocabularies) -> tuple[int, int]:
    """(Portuguese-only words, English-only words) among the words of `text`."""
    only_pt, only_en = vocabularies
    found = re.findall(r"[^\W\d_]+", text.lower())
    return sum(w in only_pt for w in found), sum(w in only_en for w in found)


def continuations(loaded, prompt: str, n: int = 3, tokens: int = 40) -> str:
    """`n` sampled continuations of `prompt` (seeded; temperature 0.8, top-k 50), the prompt left out."""
    ids = torch.tensor([loaded.encode(prompt)] * n)
    torch.manual_seed(1337)
    with torch.no_grad():
        out = loaded.model.generate(ids, max_new_tokens=tokens, do_sample=True, temperature=0.8, top_k=50,
                                    pad_token_id=loaded.model.config.eos_token_id)
    return "\n".join(loaded.tokenizer.decode(row[ids.shape[1]:].tolist()) for row in out)


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_a_prompt_is_continued_in_its_own_language(loaded, vocabularies, language):
    """Most words that belong to one language only are of the prompt's language. The English prompts are the
    control: the same count must come out the other way, so the check can tell the languages apart."""
    ours = theirs = 0
    for prompt in PROMPTS[language]:
        pt, en = language_counts(continuations(loaded, prompt), vocabularies)
        ours, theirs = (ours + pt, theirs + en) if language == "pt_BR" else (ours + en, theirs + pt)
    assert ours >= 15 and ours >= 4 * theirs, (language, ours, theirs)


def test_portuguese_continuations_use_portuguese_letters(loaded):
    text = "".join(continuations(loaded, prompt) for prompt in PROMPTS["pt_BR"])
    letters = [c for c in text.lower() if c.isalpha()]
    accented = sum(c in "ãõçáéíóúâêôà" for c in letters)
    assert accented / len(letters) > 0.01, text  # Portuguese prose here: about 3% of its letters
