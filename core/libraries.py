"""The heavy libraries (torch, transformers, tokenizers, safetensors), imported once, under one lock.

transformers exposes its classes through a lazy module: `from transformers import X` imports the
submodule defining X on first use. Two threads doing that at the same moment can see each other's
half-made module and fail with "cannot import name 'X' from 'transformers'". So every background
job calls `load_libraries()` before it runs: the first caller imports everything and resolves
every name the app takes from transformers (`TRANSFORMERS_NAMES`); the others wait for it, and
later calls return at once. After that, `from transformers import X` is a plain attribute lookup.

`tests/core/test_libraries.py` checks that `TRANSFORMERS_NAMES` lists every name imported from
transformers anywhere in core/ and gui/.
"""

from __future__ import annotations

import threading

# Every name core/ and gui/ import from the top-level `transformers` module.
TRANSFORMERS_NAMES = (
    "AutoConfig", "AutoModel", "AutoModelForCausalLM", "AutoModelForMaskedLM", "AutoModelForQuestionAnswering",
    "AutoModelForSequenceClassification", "AutoModelForTokenClassification", "AutoTokenizer",
    "BertModel", "CONFIG_MAPPING", "DataCollatorForLanguageModeling", "GPT2Model",
    "MODEL_FOR_CAUSAL_LM_MAPPING", "MODEL_FOR_MASKED_LM_MAPPING", "MODEL_FOR_QUESTION_ANSWERING_MAPPING",
    "MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING", "MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING", "PreTrainedTokenizerBase",
    "PreTrainedTokenizerFast", "RobertaConfig", "RobertaForMaskedLM", "RobertaModel", "StoppingCriteria",
    "StoppingCriteriaList",
)
# Submodules imported by their full name.
TRANSFORMERS_SUBMODULES = ("transformers.pytorch_utils",)

_lock = threading.Lock()
_loaded = threading.Event()


def libraries_loaded() -> bool:
    """True once `load_libraries()` has finished in some thread."""
    return _loaded.is_set()


def load_libraries() -> None:
    """Import torch, safetensors, tokenizers and transformers (with every name the app uses) once.

    Safe to call from any thread, any number of times: concurrent callers wait for the first one.
    Takes a few seconds the first time, nothing afterwards."""
    if _loaded.is_set():
        return
    with _lock:
        if _loaded.is_set():
            return
        import importlib

        import safetensors.torch  # noqa: F401
        import tokenizers  # noqa: F401
        import torch  # noqa: F401
        import transformers

        for name in TRANSFORMERS_NAMES:
            getattr(transformers, name)
        for module in TRANSFORMERS_SUBMODULES:
            importlib.import_module(module)
        _loaded.set()
