"""Mutation testing of core/ with mutmut: does the suite notice when the code is changed a little?

Too slow for the test command, so it is run by hand (docs/testing.md keeps the last scores and what
was done about each surviving mutant):

    .venv/bin/pip install "mutmut>=3.8,<4"    # once; a dev tool, not in the `test` extra
    .venv/bin/python -m tests.mutation --quick  # minutes: the key functions of the four modules below
    .venv/bin/python -m tests.mutation          # every mutant of loading, sampling, training loop, corpus
    .venv/bin/python -m tests.mutation core/attention/maps.py=tests/core/attention/test_maps.py
    .venv/bin/python -m tests.mutation --show   # also print the diff of every surviving mutant

mutmut mutates one small thing at a time (`<` for `<=`, a constant, a removed call...) and runs the
tests that reach the changed function; a mutant the tests do not notice "survives". The run happens
in a scratch copy of the working tree (tracked and untracked files, not the ignored ones), so the
checkout is never touched and several people can work in it meanwhile. Each mutant's tests run in a
process forked from a server that has already imported pytest, torch and the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CORPUS_TESTS = ["tests/core/test_corpus.py", "tests/core/test_corpus_edges.py", "tests/core/test_corpus_encodings.py",
                "tests/core/test_corpus_compressed.py", "tests/core/test_corpus_mutants.py",
                "tests/core/test_corpus_files_mutants.py"]
# The short run: the app's safety promise, the maths the Next-token tab shows, training, and reading corpora.
SHORT_RUN = {
    "core/model/loading.py": ["tests/core/model/test_loading.py", "tests/core/model/test_remote_code.py",
                              "tests/core/model/test_loading_edges.py", "tests/core/model/test_loading_failures.py"],
    "core/next_token/sampling.py": ["tests/core/next_token/test_sampling.py", "tests/core/next_token/test_draws.py",
                                    "tests/core/next_token/test_sampling_edges.py"],
    "core/training/loop.py": ["tests/core/training/test_loop.py", "tests/core/training/test_best_checkpoint.py",
                              "tests/core/training/test_loop_records.py", "tests/core/training/test_loop_paths.py"],
    # reading files (decoding, the byte-order mark, binary files) lives in core/corpus_files.py
    "core/corpus.py": CORPUS_TESTS,
    "core/corpus_files.py": CORPUS_TESTS,
}
# --quick: in each module of the short run, only the functions that carry its promise (never run a model
# folder's code; the sampling maths; best checkpoint and learning rate; text never binary, never garbled).
QUICK_FUNCTIONS = {
    "core/model/loading.py": ["_load_config", "_load_tokenizer", "_load_weights"],
    "core/next_token/sampling.py": ["apply_repetition_penalty", "apply_temperature", "apply_top_k", "apply_top_p",
                                    "apply_min_p", "draw_at"],
    "core/training/loop.py": ["learning_rate_at", "_evaluate"],
    "core/corpus_files.py": ["refuse_binary", "TextReader._decode"],
}
# mutmut's exit-code meanings (mutmut.stats.status_by_exit_code), for the summary.
STATUS = {0: "survived", 1: "killed", 3: "killed", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
          24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 37: "killed", -9: "crashed", -11: "crashed"}


# Appended to the scratch copy's tests/conftest.py. mutmut imports it once, in the server every mutant's run is
# forked from; without it each run would import transformers' model and tokenizer code again on first use
# (seconds, far more than most tests take). One thread: torch's thread pool must not exist before a fork.
WARM_UP = """

def _warm_up_for_mutation_testing():
    import tempfile
    from pathlib import Path

    import torch

    torch.set_num_threads(1)
    from tests.tiny_models import make_tiny_bert, make_tiny_gpt2

    with tempfile.TemporaryDirectory() as folder:
        make_tiny_gpt2(Path(folder) / "gpt2")
        make_tiny_bert(Path(folder) / "bert")
        from transformers import AutoModelForCausalLM, AutoModelForMaskedLM, AutoTokenizer, RobertaConfig

        AutoModelForCausalLM.from_pretrained(Path(folder) / "gpt2")
        AutoModelForMaskedLM.from_pretrained(Path(folder) / "bert")
        AutoTokenizer.from_pretrained(Path(folder) / "gpt2")
        RobertaConfig()


_warm_up_for_mutation_testing()
"""


def parse_targets(items: list[str]) -> dict[str, list[str]]:
    """`module.py=test_a.py,test_b.py` items -> {module: [tests]}; none -> the short run."""
    if not items:
        return SHORT_RUN
    targets = {}
    for item in items:
        module, _, tests = item.partition("=")
        if not tests:
            raise SystemExit(f"give the tests of {module} after '=': {module}=tests/...py[,tests/...py]")
        targets[module] = tests.split(",")
    return targets


def mutant_patterns(targets: dict[str, list[str]], quick: bool) -> list[str]:
    """mutmut's names for the mutants to run: all of them, or (--quick) those of QUICK_FUNCTIONS."""
    if not quick:
        return []
    patterns = []
    for module in targets:
        dotted = module.removesuffix(".py").replace("/", ".")
        for function in QUICK_FUNCTIONS.get(module, []):
            owner, _, method = function.rpartition(".")  # "Class.method": mutmut writes xǁClassǁmethod
            patterns.append(f"{dotted}.xǁ{owner}ǁ{method}__mutmut_*" if owner else f"{dotted}.x_{function}__mutmut_*")
    if not patterns:
        raise SystemExit(f"--quick knows functions of {', '.join(QUICK_FUNCTIONS)} only")
    return patterns


def copy_working_tree(dest: Path) -> None:
    """Tracked and untracked (not ignored) files of the checkout, as they are now."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def mutmut_config(targets: dict[str, list[str]]) -> str:
    tests = sorted({test for files in targets.values() for test in files})
    return "\n".join([
        "", "[tool.mutmut]",
        'source_paths = ["core"]',
        f"only_mutate = {json.dumps(sorted(targets))}",
        'also_copy = ["gui", "assets", "scripts"]',
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]',
        'process_isolation = "forkserver"',  # torch is not fork-safe once it has run
        "", ""])


def summarize(workdir: Path, targets: dict[str, list[str]], show: bool) -> dict[str, Counter]:
    """Print each module's score and its surviving mutants; returns the counts by module."""
    counts: dict[str, Counter] = {}
    for module in targets:
        meta = workdir / "mutants" / (module + ".meta")
        results = json.loads(meta.read_text())["exit_code_by_key"] if meta.is_file() else {}
        statuses = {name: STATUS.get(code, f"exit {code}") for name, code in results.items()
                    if code is not None}  # None: not run (--quick)
        counts[module] = Counter(statuses.values())
        checked = sum(n for status, n in counts[module].items() if status in ("killed", "survived", "timeout"))
        caught = counts[module]["killed"] + counts[module]["timeout"]
        score = f"{100 * caught / checked:.1f}%" if checked else "n/a"
        print(f"\n{module}: {score} ({caught} of {checked} mutants caught; "
              + ", ".join(f"{n} {status}" for status, n in sorted(counts[module].items())) + ")")
        for name, status in sorted(statuses.items()):
            if status in ("killed", "timeout"):
                continue
            print(f"  {status}: {name}")
            if show:
                diff = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=workdir, check=False,
                                      capture_output=True, text=True).stdout
                print("    " + "\n    ".join(diff.strip().splitlines()[1:]))
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="module.py=tests.py[,tests.py] (default: the short run)")
    parser.add_argument("--workdir", type=Path, help="where to copy the tree (default: a new temporary folder)")
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) - 1), help="mutants at once")
    parser.add_argument("--quick", action="store_true",
                        help="only the key functions of the short run's modules (QUICK_FUNCTIONS): a few minutes")
    parser.add_argument("--show", action="store_true", help="print the diff of each surviving mutant")
    parser.add_argument("--summary-only", action="store_true", help="summarize an earlier run in --workdir")
    options = parser.parse_args(argv)
    targets = parse_targets(options.targets)
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="lm-anatomy-mutation-"))
    if not options.summary_only:
        try:
            import mutmut  # noqa: F401
        except ImportError:
            raise SystemExit('mutmut is not installed: .venv/bin/pip install "mutmut>=3.8,<4"') from None
        if workdir.exists():
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True)
        copy_working_tree(workdir)
        with (workdir / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
            pyproject.write(mutmut_config(targets))
        with (workdir / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:
            conftest.write(WARM_UP)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
        print(f"mutmut in {workdir} on {', '.join(targets)}", flush=True)
        log = workdir / "mutmut-run.log"  # mutmut redraws a progress line many times a second
        with log.open("w", encoding="utf-8") as output:
            code = subprocess.call([sys.executable, "-m", "mutmut", "run", "--max-children", str(options.jobs),
                                    *mutant_patterns(targets, options.quick)],
                                   cwd=workdir, env=env, stdout=output, stderr=subprocess.STDOUT)
        print(log.read_text(encoding="utf-8").rsplit("\r", 1)[-1].rsplit("⠏", 1)[-1].strip()[-2000:])
        if code != 0:
            print(f"mutmut run ended with exit code {code}; its output: {log}", file=sys.stderr)
            return code
    summarize(workdir, targets, options.show)
    print(f"\nDetails: cd {workdir} && {sys.executable} -m mutmut show <mutant name>")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
