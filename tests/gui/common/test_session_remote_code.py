"""Opening a model folder in the app (the session's background load) never runs the folder's own code."""

from __future__ import annotations

import pytest

from gui.common.session import Session
from tests.core.model.test_remote_code import ALL_ENTRY_POINTS, planted_folder
from tests.tiny_models import make_tiny_gpt2

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))


@pytest.fixture
def session(qtbot):
    session = Session()
    yield session
    session.shutdown()
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT)


def test_opening_a_folder_with_planted_code_loads_plain_gpt2_and_runs_nothing(qtbot, session, gpt2_dir, tmp_path):
    folder, marker = planted_folder(gpt2_dir, tmp_path, ALL_ENTRY_POINTS)
    failures = []
    session.model_load_failed.connect(lambda message, error: failures.append(message))
    with qtbot.waitSignal(session.model_changed, timeout=TIMEOUT) as blocker:
        session.load_model(folder)
    assert failures == []
    assert not marker.exists(), "opening the folder ran its Python file"
    loaded = blocker.args[0]
    assert session.model is loaded and loaded.source == str(folder)
    assert loaded.architecture == "GPT2LMHeadModel" and type(loaded.model).__module__.startswith("transformers.")


def test_opening_an_unknown_architecture_with_code_says_why_and_runs_nothing(qtbot, session, gpt2_dir, tmp_path):
    folder, marker = planted_folder(gpt2_dir, tmp_path, ALL_ENTRY_POINTS, model_type="planted-arch")
    with qtbot.waitSignal(session.model_load_failed, timeout=TIMEOUT) as blocker:
        session.load_model(folder)
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT)
    message, error = blocker.args
    assert error.reason == "remote-code" and "never runs downloaded code" in message
    assert session.model is None and not marker.exists()
