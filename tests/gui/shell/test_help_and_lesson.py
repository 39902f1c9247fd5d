"""'What am I looking at?' panels, the 'Show the code' viewer, and lesson mode on a tiny model and corpus."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.shell.code_viewer import CODE_CHOICES, CodeViewer, source_of
from gui.shell.help_panel import TAB_ATTRIBUTES, TOPICS, HelpPanel, help_dir, install_help_panels
from gui.shell.lesson_mode import PAGES, STEPS, install_lesson_mode
from gui.shell.lesson_panel import lesson_inputs
from gui.shell.main_window import MainWindow
from tests.tiny_models import TINY_TEXT, make_tiny_gpt2

TIMEOUT = 60_000
TINY_RUN = dict(n_layer=1, n_head=2, n_embd=16, block_size=48, batch_size=4, warmup_iters=2, eval_interval=10,
                eval_iters=2, max_iters=20)
KNOWN_PHRASES = {  # one sentence from each help file
    ("tokenization", "en"): "A language model never sees letters.",
    ("tokenization", "pt_BR"): "Um modelo de linguagem nunca vê letras.",
    ("attention", "en"): "the upper-right triangle is empty",
    ("attention", "pt_BR"): "o triângulo superior direito fica vazio",
    ("training", "en"): "the model is memorising its training text",
    ("training", "pt_BR"): "o modelo está decorando o texto de treino",
    ("sampling", "en"): "T = 0 is greedy",
    ("sampling", "pt_BR"): "T = 0 é a escolha gulosa",
}


def flat(text: str) -> str:
    """Whitespace (the files' line breaks) as single spaces."""
    return " ".join(text.split())


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: None)
    win = MainWindow()
    qtbot.addWidget(win)
    win.training_tab.runs_root = tmp_path / "runs"
    install_help_panels(win)
    install_lesson_mode(win, training_settings={**TINY_RUN, "sample_tokens": 20})
    win.resize(1280, 860)
    win.show()
    yield win
    win.close()


# --- content ----------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("topic", TOPICS)
def test_every_tab_has_help_in_both_languages(topic, language):
    path = help_dir() / language / f"{topic}.md"
    text = flat(path.read_text(encoding="utf-8"))
    assert KNOWN_PHRASES[topic, language] in text
    assert ("Worked example" if language == "en" else "Exemplo resolvido") in text
    assert len(text.split()) > 250  # a few paragraphs and an example, not a stub


# --- help panels -------------------------------------------------------------------------------
def test_each_tab_starts_with_a_collapsed_help_panel(window):
    panels = window.help_panels
    assert set(panels) == set(TOPICS)
    for topic, panel in panels.items():
        tab = getattr(window, TAB_ATTRIBUTES[topic])
        header = tab.header  # the panel sits on the title's row, at the very top of the tab
        assert tab.layout().indexOf(header) == 0 and header.layout().indexOf(panel) == 0
        assert panel.row.indexOf(header.title) == 0
        assert not panel.is_expanded() and panel.browser.isHidden()
        assert panel.toggle.text() == "What am I looking at?"
    assert install_help_panels(window) is panels  # a second call changes nothing


def test_expanding_shows_the_english_text_and_switching_language_shows_portuguese(window, qtbot):
    window.set_language("en")
    for topic, panel in window.help_panels.items():
        panel.toggle.click()
        assert panel.is_expanded() and not panel.browser.isHidden()
        assert KNOWN_PHRASES[topic, "en"] in flat(panel.text())
    window.set_language("pt_BR")
    for topic, panel in window.help_panels.items():
        assert panel.language == "pt_BR"
        assert KNOWN_PHRASES[topic, "pt_BR"] in flat(panel.text())
        assert KNOWN_PHRASES[topic, "en"] not in flat(panel.text())
    window.set_language("en")
    panel = window.help_panels["sampling"]
    assert KNOWN_PHRASES["sampling", "en"] in flat(panel.text())
    panel.toggle.click()
    assert not panel.is_expanded() and panel.browser.isHidden()


def test_a_panel_switches_language_directly(qtbot):
    panel = HelpPanel("training")
    qtbot.addWidget(panel)
    assert KNOWN_PHRASES["training", "en"] in flat(panel.text())
    panel.set_language("pt_BR")
    assert KNOWN_PHRASES["training", "pt_BR"] in flat(panel.text())
    panel.set_language("xx")  # no such folder: English
    assert KNOWN_PHRASES["training", "en"] in flat(panel.text())


# --- the code viewer -----------------------------------------------------------------------------
def test_show_the_code_opens_a_read_only_viewer_of_the_chosen_function(window, qtbot):
    panel = window.help_panels["sampling"]
    viewer = panel.show_code()
    assert isinstance(viewer, CodeViewer) and viewer.isVisible()
    assert 2 <= viewer.combo.count() <= 4
    viewer.choose("core.next_token.sampling:final_distribution")
    assert "def final_distribution" in viewer.text()
    assert "core/next_token/sampling.py, lines" in viewer.where.text()
    assert viewer.source.isReadOnly()
    viewer.choose("core.next_token.sampling:sampling_stages")
    assert "def sampling_stages" in viewer.text() and "def final_distribution" not in viewer.text()
    assert panel.show_code() is viewer  # one viewer per panel, raised again
    viewer.close()


@pytest.mark.parametrize("topic", TOPICS)
def test_every_listed_function_has_source(topic):
    for choice in CODE_CHOICES[topic]:
        text, where = source_of(choice.target)
        name = choice.target.split(".")[-1].split(":")[-1]
        assert f"def {name}(" in text, choice.target
        assert where.startswith(choice.target.split(":")[0].replace(".", "/") + ".py")


def test_the_viewer_explains_when_the_source_is_missing(qtbot, monkeypatch):
    monkeypatch.setattr("gui.shell.code_viewer.inspect.getsourcelines", lambda obj: (_ for _ in ()).throw(OSError()))
    viewer = CodeViewer(CODE_CHOICES["attention"])
    qtbot.addWidget(viewer)
    assert "not included in this copy" in viewer.text() and "core/attention/maps.py" in viewer.text()


# --- lesson mode -------------------------------------------------------------------------------------
def test_lesson_mode_is_in_the_help_menu(window):
    lesson = window.lesson
    assert lesson.action in window.menus.help_menu.actions()
    assert lesson.action.text() == "&Lesson mode"
    assert install_lesson_mode(window) is lesson
    assert lesson.shortcuts["next"].key().toString() == "Alt+Right"
    assert lesson.shortcuts["back"].key().toString() == "Alt+Left"


def test_the_lesson_walks_through_every_step_and_back(window, qtbot, tmp_path):
    from core.corpus import read_corpus
    from core.model.loading import load_model

    session, lesson = window.session, window.lesson
    corpus_file = tmp_path / "tiny.txt"
    corpus_file.write_text(TINY_TEXT * 4, encoding="utf-8")
    session.set_model(load_model(make_tiny_gpt2(tmp_path / "gpt2")))
    session.set_corpus(read_corpus(corpus_file))
    tokenization, training, sampling = window.tokenization_tab, window.training_tab, window.sampling_tab
    qtbot.waitUntil(lambda: tokenization.bpe_panel.sample is not None, timeout=TIMEOUT)
    inputs = lesson_inputs()
    seen_steps = []

    def shown():
        seen_steps.append(lesson.page.step)
        assert lesson.panel.title.text() and lesson.panel.text.text()
        assert "skipped" not in lesson.panel.note.text()

    lesson.action.trigger()  # Help > Lesson mode
    assert lesson.dock.isVisible() and lesson.index == 0
    shown()
    assert window.tabs.currentWidget() is tokenization and tokenization.text() == inputs["sentence"]
    assert not lesson.panel.back_button.isEnabled()

    lesson.next()  # 2: BPE
    shown()
    qtbot.waitUntil(lambda: not tokenization.bpe_panel.job.busy and tokenization.bpe_panel.tokenizer is not None,
                    timeout=TIMEOUT)

    with qtbot.waitSignal(training.worker.finished, timeout=TIMEOUT) as finished:
        lesson.next()  # 3: training
        shown()
        assert window.tabs.currentWidget() is training
        assert training.controls.value("max_iters") == TINY_RUN["max_iters"]
    assert finished.args[0]["status"] == "completed"
    qtbot.waitUntil(lambda: not training.worker.running, timeout=TIMEOUT)

    with qtbot.waitSignal(session.model_changed, timeout=TIMEOUT) as changed:
        lesson.next()  # 4: attention, in the model trained in step 3
        shown()
        assert window.tabs.currentWidget() is window.attention_tab
        assert window.attention_tab.ui.text_input.text() == inputs["attention"]
    assert changed.args[0].source == str(training.finished_info["best_checkpoint"])
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT)

    first_seed = sampling.ui.controls.seed_spin.value()  # each Sample moves the seed on by one
    for temperature, draws in ((0.5, 1), (1.5, 2)):  # 5: sample at two temperatures
        lesson.next()
        shown()
        assert window.tabs.currentWidget() is sampling
        assert sampling.ui.controls.temperature.value() == temperature
        qtbot.waitUntil(lambda n=draws: sampling.ui.controls.seed_spin.value() == first_seed + n, timeout=TIMEOUT)
        assert sampling.ui.timeline.steps and sampling.prompt_text().startswith(inputs["prompt"])
        assert len(sampling.prompt_text()) > len(inputs["prompt"])  # the drawn token was appended
    lesson.next()  # 5: three temperatures side by side
    shown()
    assert sampling.ui.views.currentWidget() is sampling.ui.temperature_plot
    assert lesson.panel.next_button.text() == "Finish"
    assert seen_steps == [page.step for page in PAGES] and max(seen_steps) == STEPS

    for index in reversed(range(len(PAGES) - 1)):
        lesson.back()
        assert lesson.index == index
        assert lesson.panel.title.text().startswith(f"Step {PAGES[index].step} of 5")
    assert not training.worker.running  # going back to step 3 does not train again
    assert window.tabs.currentWidget() is tokenization
    qtbot.waitUntil(lambda: not sampling.runner.running and not tokenization.bpe_panel.job.busy, timeout=TIMEOUT)

    lesson.finish()
    assert not lesson.dock.isVisible() and not lesson.action.isChecked() and lesson.index == -1


def test_a_step_whose_tab_is_missing_still_explains(window, qtbot, monkeypatch):
    lesson = window.lesson
    monkeypatch.setattr(window, "attention_tab", None)
    lesson.start()
    lesson.shortcuts["next"].activated.emit()  # Alt+Right
    assert lesson.index == 1
    lesson.shortcuts["back"].activated.emit()  # Alt+Left
    assert lesson.index == 0
    lesson.go_to(3)
    assert lesson.panel.title.text().startswith("Step 4 of 5")
    assert lesson.panel.note.isVisible() and "only explains" in lesson.panel.note.text()
    monkeypatch.setattr(window.sampling_tab, "recompute", lambda: 1 / 0)
    lesson.next()
    assert lesson.index == 4 and "skipped" in lesson.panel.note.text()
    lesson.finish()
    monkeypatch.undo()  # the window closes with all its tabs


def test_the_lesson_dock_takes_only_the_height_of_its_text(window, qtbot):
    lesson = window.lesson
    tab_height = window.tabs.height()
    lesson.start()
    qtbot.waitUntil(lambda: lesson.dock.isVisible() and lesson.panel.minimumHeight() > 0, timeout=TIMEOUT)
    qtbot.wait(50)  # the second fit, once the texts are laid out
    needed = lesson.panel.minimumHeight()
    assert lesson.panel.height() <= needed + 8  # no empty band under the explanation
    assert window.tabs.height() >= tab_height - needed - 60  # the tabs lose only that height (and the title bar)
