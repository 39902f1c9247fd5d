"""Resume… in the Training tab: continue a run saved in a folder, as `lm-anatomy train --resume` does.

Both go through the same core code: `core.training.resume.resume_config` reads the settings saved with
the folder's `last` checkpoint (the GUI changes only the device and how often it logs), and
`core.training.resume.saved_tokenizer` loads the tokenizer saved beside the weights, so the resumed
run sees the same token ids. The training loop itself restores the weights, the optimizer, the
step, the best loss and the random state (`init_from="resume"`).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from gui.training.worker import RunRequest


def resume_request(folder: str | Path, corpus: Any, device: str, log_every_step: bool) -> tuple[RunRequest, float]:
    """The RunRequest that continues the run saved in `folder` on `corpus`, and its uniform-guess loss
    (ln of the vocabulary size). Raises core CheckpointError or TrainingConfigError (their `.message`
    or text says why) when the folder holds no run that can be resumed."""
    from core.training.data import tokenizer_vocab_size
    from core.training.resume import resume_config, saved_tokenizer

    overrides: dict[str, Any] = {"device": device}
    if log_every_step:
        overrides["log_interval"] = 1  # on CPU the loss is read every step anyway
    config = resume_config(folder, **overrides)
    config.validate()
    tokenizer = saved_tokenizer(Path(folder) / "last")
    uniform = math.log(max(2, tokenizer_vocab_size(tokenizer)))
    return RunRequest(config, corpus, "model", tokenizer=tokenizer), uniform
