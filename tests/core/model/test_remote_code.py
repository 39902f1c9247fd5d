"""The safety promise: a model folder's own Python code never runs, whatever its config says.

Each folder here carries a code file that would write a marker file the moment it is imported.
Its config names a model type transformers knows (gpt2), so the early refusal for unknown types
does not apply: only `trust_remote_code=False` stands between the folder and its code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from core.model.load_errors import ModelLoadError
from core.model.loading import CAUSAL_LM, load_model
from tests.tiny_models import make_tiny_gpt2

ALL_ENTRY_POINTS = {
    "AutoConfig": "planted.PlantedConfig",
    "AutoModelForCausalLM": "planted.PlantedModel",
    "AutoModel": "planted.PlantedModel",
    "AutoTokenizer": ["planted.PlantedTokenizer", "planted.PlantedTokenizer"],
}


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


def plant_code(folder: Path, marker: Path, entry_points: dict, model_type: str = "gpt2") -> None:
    """Add planted.py (writes `marker` when imported) and an `auto_map` naming it to config.json
    and tokenizer_config.json."""
    (folder / "planted.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('the folder ran its own code')\n"
        "from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast\n"
        "class PlantedConfig(GPT2Config):\n    pass\n"
        "class PlantedModel(GPT2LMHeadModel):\n    config_class = PlantedConfig\n"
        "class PlantedTokenizer(PreTrainedTokenizerFast):\n    pass\n",
        encoding="utf-8")
    config = json.loads((folder / "config.json").read_text())
    config.update(model_type=model_type, auto_map=entry_points)
    (folder / "config.json").write_text(json.dumps(config))
    if "AutoTokenizer" in entry_points:
        tokenizer_config = json.loads((folder / "tokenizer_config.json").read_text())
        tokenizer_config["auto_map"] = {"AutoTokenizer": entry_points["AutoTokenizer"]}
        (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config))


def planted_folder(gpt2_dir: Path, tmp_path: Path, entry_points: dict, model_type: str = "gpt2") -> tuple[Path, Path]:
    folder, marker = tmp_path / "model-with-code", tmp_path / "marker.txt"
    shutil.copytree(gpt2_dir, folder)
    plant_code(folder, marker, entry_points, model_type)
    return folder, marker


@pytest.mark.parametrize("entry_points", [
    ALL_ENTRY_POINTS,
    {"AutoConfig": ALL_ENTRY_POINTS["AutoConfig"]},
    {"AutoModelForCausalLM": ALL_ENTRY_POINTS["AutoModelForCausalLM"]},
    {"AutoTokenizer": ALL_ENTRY_POINTS["AutoTokenizer"]},
], ids=["all", "config", "model", "tokenizer"])
def test_a_known_model_type_with_an_auto_map_loads_without_running_its_code(gpt2_dir, tmp_path, entry_points):
    folder, marker = planted_folder(gpt2_dir, tmp_path, entry_points)
    loaded = load_model(folder)
    assert not marker.exists(), "loading the folder ran its Python file"
    # The model is transformers' own GPT-2, built from the weights, not the folder's class.
    assert loaded.kind == CAUSAL_LM and loaded.architecture == "GPT2LMHeadModel"
    assert type(loaded.model).__module__.startswith("transformers.")
    assert type(loaded.tokenizer).__module__.startswith("transformers.")
    assert "planted" not in type(loaded.model.config).__module__
    ids = loaded.encode("the cat sat")
    assert loaded.forward(ids).logits.shape == (len(ids), len(loaded.tokenizer))


def test_an_unknown_model_type_with_code_is_refused_without_running_it(gpt2_dir, tmp_path):
    folder, marker = planted_folder(gpt2_dir, tmp_path, ALL_ENTRY_POINTS, model_type="planted-arch")
    with pytest.raises(ModelLoadError) as info:
        load_model(folder)
    assert info.value.reason == "remote-code" and "never runs downloaded code" in str(info.value)
    assert "model-with-code" in str(info.value)
    assert not marker.exists()
