"""The built-in corpora, one per language, always present without a download.

- "en": Python's documentation topics (`core.corpus.builtin_corpus()`), read from the running
  interpreter's standard library.
- "pt_BR": plain Brazilian Portuguese prose written for LM Anatomy (everyday life, and how
  language models work), the UTF-8 `.txt` files in `assets/corpora/pt_BR/`, in name order.

`bilingual_corpus()` is what the built-in model was trained on: both, arranged so that the
trainer's split (the last 10% of the tokens) holds the last tenth of each language.

    corpus = builtin_corpus("pt_BR")  # a core.corpus.Corpus, like any file read with read_corpus
"""

from __future__ import annotations

from pathlib import Path

from core.assets import assets_dir
from core.corpus import PREVIEW_CHARS, Corpus
from core.corpus import builtin_corpus as python_docs_corpus
from core.messages import QT_TRANSLATE_NOOP, Message

ENGLISH = "en"
PORTUGUESE = "pt_BR"
LANGUAGES = (ENGLISH, PORTUGUESE)
# `--corpus` names in the CLI (core.training.cli): "builtin" stays the English one.
CLI_NAMES = {"builtin": ENGLISH, "builtin-pt": PORTUGUESE}
BILINGUAL_CLI_NAME = "builtin-en-pt"
VAL_FRACTION = 0.1  # core.training.data's default split for text corpora


def portuguese_dir() -> Path:
    """`assets/corpora/pt_BR`, where the Portuguese corpus's files are."""
    return assets_dir() / "corpora" / PORTUGUESE


def portuguese_files() -> list[Path]:
    """The Portuguese corpus's files, in the order they are read."""
    return sorted(portuguese_dir().glob("*.txt"))


def portuguese_corpus() -> Corpus:
    """The Portuguese texts written for LM Anatomy, one section per file."""
    files = portuguese_files()
    if not files:
        raise FileNotFoundError(f"no .txt files in {portuguese_dir()}")
    text = "\n\n".join(path.read_text(encoding="utf-8").strip() + "\n" for path in files)
    name = Message(QT_TRANSLATE_NOOP("CoreMessages", "Portuguese texts written for LM Anatomy"))
    source = Message(QT_TRANSLATE_NOOP("CoreMessages", "{files} files of Brazilian Portuguese prose in "
                                                       "assets/corpora/pt_BR (everyday life, and how language "
                                                       "models work)"),
                     {"files": len(files)})
    return _in_memory(text, name, source, len(files))


def builtin_corpus(language: str = ENGLISH) -> Corpus:
    """The built-in corpus of `language` ("en" or "pt_BR"); other codes get the English one."""
    return portuguese_corpus() if language == PORTUGUESE else python_docs_corpus()


def language_for(ui_language: str) -> str:
    """The built-in corpus to start with in a UI language: Portuguese for any "pt…" code, else English."""
    return PORTUGUESE if ui_language.startswith("pt") else ENGLISH


def by_cli_name(spec: str) -> Corpus | None:
    """`builtin`, `builtin-pt` or `builtin-en-pt` -> that corpus; None for anything else (a path)."""
    if spec == BILINGUAL_CLI_NAME:
        return bilingual_corpus()
    if spec in CLI_NAMES:
        return builtin_corpus(CLI_NAMES[spec])
    return None


def bilingual_corpus(val_fraction: float = VAL_FRACTION) -> Corpus:
    """English and Portuguese together, for the built-in model.

    Each text is cut at the paragraph break nearest to its last `val_fraction`; the result is
    both first parts, then both last parts. The trainer's token split then gives about the last
    tenth of each language to validation (the cut is by characters, the split by tokens, so a
    few hundred tokens may land on the other side).
    """
    english, portuguese = python_docs_corpus(), portuguese_corpus()
    heads, tails = zip(*(cut_near(c.read_text(), 1.0 - val_fraction) for c in (english, portuguese)))
    text = "\n\n".join([*heads, *tails])
    name = Message(QT_TRANSLATE_NOOP("CoreMessages", "Built-in corpora, English and Portuguese"))
    source = Message(QT_TRANSLATE_NOOP("CoreMessages", "{english} + {portuguese}"),
                     {"english": english.source_message, "portuguese": portuguese.source_message})
    return _in_memory(text, name, source, english.n_documents + portuguese.n_documents)


def cut_near(text: str, fraction: float) -> tuple[str, str]:
    """`text` split at the paragraph break ("\\n\\n") nearest to `fraction` of its length."""
    at = int(len(text) * fraction)
    before, after = text.rfind("\n\n", 0, at), text.find("\n\n", at)
    candidates = [i for i in (before, after) if i > 0]
    cut = min(candidates, key=lambda i: abs(i - at)) if candidates else at
    return text[:cut].rstrip() + "\n", text[cut:].strip() + "\n"


def _in_memory(text: str, name: Message, source: Message, n_documents: int) -> Corpus:
    return Corpus(
        name=str(name),
        source=str(source),
        name_message=name,
        source_message=source,
        n_chars=len(text),
        n_bytes=len(text.encode("utf-8")),
        n_documents=n_documents,
        text=text,
        preview=text[:PREVIEW_CHARS],
    )
