"""What the user reads when transformers fails while loading: each library error becomes one clear
ModelLoadError (reason and sentence), for a model folder and for a hub id. transformers' own calls are
replaced here to raise the errors a real failure raises; and every call is checked to ask for safetensors
only and never for remote code, whatever transformers' defaults are."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
import torch

import core.model.loading as loading
from core.model.load_errors import ModelLoadError
from core.model.loading import context_length_of, load_model
from tests.core.model.test_remote_code import ALL_ENTRY_POINTS, planted_folder
from tests.tiny_models import make_tiny_gpt2
from tests.user_messages import assert_user_message

torch.set_num_threads(1)
HUB_ID = "someone/planted-model"
OFFLINE = ("Could not download 'someone/planted-model': the Hugging Face hub cannot be reached (offline?). "
           "Download the model on a connected machine and use File > Open model folder.")


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("models") / "tiny-gpt2")


def raising(error):
    def from_pretrained(*args, **kwargs):
        raise error

    return classmethod(lambda cls, *args, **kwargs: from_pretrained())


def failing_load(monkeypatch, target, error, source):
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer, GPT2Config

    if target != "config":  # the config loads (a hub id gets a plain GPT-2 one), then `target` fails
        real_config = AutoConfig.from_pretrained
        monkeypatch.setattr(AutoConfig, "from_pretrained", classmethod(
            lambda cls, src, **kw: GPT2Config() if src == HUB_ID else real_config(src, **kw)))
    if target == "weights" and source == HUB_ID:
        monkeypatch.setattr(AutoTokenizer, "from_pretrained", classmethod(lambda cls, *a, **k: object()))
    cls = {"config": AutoConfig, "tokenizer": AutoTokenizer, "weights": AutoModelForCausalLM}[target]
    monkeypatch.setattr(cls, "from_pretrained", raising(error))
    with pytest.raises(ModelLoadError) as info:
        load_model(source)
    return info.value


# --- the safety promise, a second time: if the early refusal missed a folder ---------------------


def test_transformers_own_refusal_of_custom_code_is_shown_as_ours(gpt2_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "refuse_remote_code", lambda source: None)  # the first check misses it
    folder, marker = planted_folder(gpt2_dir, tmp_path, ALL_ENTRY_POINTS, model_type="planted-arch")
    with pytest.raises(ModelLoadError) as info:
        load_model(folder)
    assert info.value.reason == "remote-code" and not marker.exists()
    assert_user_message(info.value, "model-with-code needs custom code from its authors to run (trust_remote_code). "
                                    "LM Anatomy never runs downloaded code; choose another model.")


def test_every_transformers_call_asks_for_safetensors_and_no_remote_code(gpt2_dir, monkeypatch):
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    calls = {"config": [], "tokenizer": [], "weights": []}  # transformers calls AutoConfig itself too
    for name, cls in (("config", AutoConfig), ("tokenizer", AutoTokenizer), ("weights", AutoModelForCausalLM)):
        real = cls.from_pretrained

        def spy(*args, _name=name, _real=real, **kwargs):
            calls[_name].append(kwargs)
            return _real(*args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", spy)
    loaded = load_model(gpt2_dir)
    assert all(calls.values())
    assert {name: {kwargs.get("trust_remote_code", "not given") for kwargs in made} for name, made in calls.items()
            } == {"config": {False}, "tokenizer": {False}, "weights": {False}}
    (weights,) = calls["weights"]
    assert weights["use_safetensors"] is True and weights["dtype"] is torch.float32
    assert all(p.dtype == torch.float32 for p in loaded.model.parameters())


# --- config, tokenizer and weights failures, word for word -------------------------------------------


@pytest.mark.parametrize("error, reason, english", [
    (ValueError("Loading this model requires you to pass trust_remote_code=True"), "remote-code",
     "tiny-gpt2 needs custom code from its authors to run (trust_remote_code). LM Anatomy never runs downloaded "
     "code; choose another model."),
    (ValueError("it contains custom code which must be executed"), "remote-code",
     "tiny-gpt2 needs custom code from its authors to run (trust_remote_code). LM Anatomy never runs downloaded "
     "code; choose another model."),
    (KeyError("planted"), "unsupported",
     "tiny-gpt2 uses an architecture (gpt2) that the installed transformers library does not know, or that needs "
     "custom code. ('planted')"),
    (OSError("permission denied"), "missing-files", "Could not read config.json in {folder}: permission denied"),
])
def test_config_failures(gpt2_dir, monkeypatch, error, reason, english):
    failure = failing_load(monkeypatch, "config", error, gpt2_dir)
    assert failure.reason == reason
    assert_user_message(failure, english.format(folder=gpt2_dir))


@pytest.mark.parametrize("error, reason, english", [
    (ValueError("Loading this tokenizer requires trust_remote_code=True"), "remote-code",
     "The tokenizer of {folder} needs custom code; it is not loaded."),
    (ValueError("unbalanced vocabulary"), "missing-files",
     "Could not load the tokenizer of {folder}: unbalanced vocabulary"),
    (OSError("merges.txt is unreadable"), "missing-files",
     "Could not load the tokenizer of {folder}: merges.txt is unreadable"),
    (RuntimeError("data did not match any variant"), "missing-files",
     "The tokenizer files of {folder} are broken: data did not match any variant"),
])
def test_tokenizer_failures(gpt2_dir, monkeypatch, error, reason, english):
    failure = failing_load(monkeypatch, "tokenizer", error, gpt2_dir)
    assert failure.reason == reason
    assert_user_message(failure, english.format(folder=gpt2_dir))


class SafetensorError(Exception):
    """Named like safetensors' own error type (which the loader recognises by name)."""


@pytest.mark.parametrize("error, reason, english", [
    (OSError("truncated file"), "corrupt-weights",
     "The weights of tiny-gpt2 could not be read; the file may be damaged or incomplete. (truncated file)"),
    (ValueError("size mismatch for wte.weight"), "corrupt-weights",
     "The weights of tiny-gpt2 could not be read; the file may be damaged or incomplete. (size mismatch for "
     "wte.weight)"),
    (KeyError("wpe.weight"), "corrupt-weights",
     "The weights of tiny-gpt2 could not be read; the file may be damaged or incomplete. ('wpe.weight')"),
    (RuntimeError("DefaultCPUAllocator: not enough memory: you tried to allocate 9 GB. Out of memory"),
     "out-of-memory", "tiny-gpt2 does not fit in the memory of CPU. Close other programs, or choose a smaller model."),
    (MemoryError(), "out-of-memory",
     "tiny-gpt2 does not fit in the memory of CPU. Close other programs, or choose a smaller model."),
    (SafetensorError("Error while deserializing header"), "corrupt-weights",
     "The weights of tiny-gpt2 could not be read; the file may be damaged or incomplete. (Error while "
     "deserializing header)"),
])
def test_weight_failures(gpt2_dir, monkeypatch, error, reason, english):
    failure = failing_load(monkeypatch, "weights", error, gpt2_dir)
    assert failure.reason == reason
    assert_user_message(failure, english)


def test_an_unexpected_weight_error_is_not_disguised(gpt2_dir, monkeypatch):
    from transformers import AutoModelForCausalLM

    monkeypatch.setattr(AutoModelForCausalLM, "from_pretrained", raising(TypeError("a bug in transformers")))
    with pytest.raises(TypeError, match="a bug in transformers"):
        load_model(gpt2_dir)


@pytest.mark.parametrize("offline_mode", ["1", "0"])
@pytest.mark.parametrize("target", ["config", "tokenizer", "weights"])
def test_a_hub_id_that_cannot_be_fetched_says_offline(monkeypatch, target, offline_mode):
    monkeypatch.setenv("HF_HUB_OFFLINE", offline_mode)  # "0": the connection error alone says offline
    failure = failing_load(monkeypatch, target, OSError("We couldn't connect to https://huggingface.co"), HUB_ID)
    assert failure.reason == "offline"
    assert_user_message(failure, OFFLINE)


@pytest.mark.parametrize("target", ["config", "tokenizer", "weights"])
def test_a_hub_id_that_does_not_exist_says_not_found(monkeypatch, target):
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    failure = failing_load(monkeypatch, target, OSError("404 Client Error. Repository Not Found"), HUB_ID)
    assert failure.reason == "not-found"
    assert_user_message(failure, "No model named 'someone/planted-model' was found on the Hugging Face hub.")


# --- folders and hub ids, warnings, kinds and context lengths --------------------------------------


def test_a_folder_named_like_a_hub_id_is_read_as_a_folder(gpt2_dir, monkeypatch):
    monkeypatch.chdir(gpt2_dir.parent)
    assert load_model("tiny-gpt2").source == "tiny-gpt2"


def test_a_folder_named_like_a_hub_id_is_still_checked_for_pickle_weights(gpt2_dir, tmp_path, monkeypatch):
    folder = shutil.copytree(gpt2_dir, tmp_path / "pickled")
    (folder / "model.safetensors").unlink()
    (folder / "pytorch_model.bin").write_bytes(b"pickle would run code")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelLoadError) as info:
        load_model("pickled")
    assert info.value.reason == "pickle-only"


@pytest.mark.parametrize("text", ["./no/such/model", "no such model"])
def test_text_that_is_no_hub_id_is_a_missing_folder(text):
    with pytest.raises(ModelLoadError) as info:
        load_model(text)
    assert info.value.reason == "missing-folder"


def test_position_ids_missing_from_a_checkpoint_are_no_warning(gpt2_dir, monkeypatch):
    from transformers import AutoModelForCausalLM

    real = AutoModelForCausalLM.from_pretrained

    def reporting(*args, **kwargs):
        model, _info = real(*args, **kwargs)
        return model, {"missing_keys": ["transformer.wpe.position_ids"]}

    monkeypatch.setattr(AutoModelForCausalLM, "from_pretrained", reporting)
    assert load_model(gpt2_dir).warnings == []

    def silent(*args, **kwargs):
        model, _info = real(*args, **kwargs)
        return model, {}

    monkeypatch.setattr(AutoModelForCausalLM, "from_pretrained", silent)
    assert load_model(gpt2_dir).warnings == []


@pytest.mark.parametrize("fields, expected", [
    ({"n_positions": 1024, "max_position_embeddings": 512, "model_type": "gpt2"}, 1024),
    ({"n_positions": 0, "max_position_embeddings": 512, "model_type": "gpt2"}, 512),
    ({"n_positions": None, "max_position_embeddings": 1, "model_type": "gpt2"}, 1),
    ({"n_ctx": 2048, "model_type": "gpt2"}, 2048),
    ({"max_position_embeddings": 514, "pad_token_id": 1, "model_type": "roberta"}, 512),
    ({"max_position_embeddings": 514, "pad_token_id": None, "model_type": "roberta"}, 514),
    ({"max_position_embeddings": 514, "pad_token_id": 1, "model_type": "bert"}, 514),
    ({"max_position_embeddings": 514, "pad_token_id": 1}, 514),
    ({"max_position_embeddings": 514}, 514),
    ({"model_type": "gpt2"}, None),
])
def test_context_length_from_each_config_field(fields, expected):
    assert context_length_of(SimpleNamespace(**fields)) == expected


def test_a_copied_folder_with_a_string_path_loads_too(gpt2_dir, tmp_path):
    copy = shutil.copytree(gpt2_dir, tmp_path / "copy")
    assert load_model(str(copy)).name == "copy"
