"""Extract the app's strings into the .ts catalogues and compile them to .qm (Qt Linguist workflow).

    python scripts/update_translations.py            # lupdate + lrelease
    python scripts/update_translations.py --check    # exit 1 if a string is missing or unfinished
    python scripts/update_translations.py --compile  # lrelease only (the installer build runs this)
    python scripts/update_translations.py --fill new.json   # lupdate, then fill in translations from a file

A `--fill` file is a JSON list of {"context", "source", "translation"} records (pt_BR unless
`--language` says otherwise): a way to hand in the translations of a batch of new strings
without an editor.

`pyside6-lupdate` reads every gui/*.py and core/*.py file for `translate("Context", "text")` /
`QT_TRANSLATE_NOOP` calls and updates assets/translations/lm_anatomy_<lang>.ts; translators
fill in pt_BR with Qt Linguist (or any editor). `pyside6-lrelease` then writes the .qm files
the app loads. English is the source language, so its catalogue only lists the strings.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "assets" / "translations"
LANGUAGES = ("pt_BR",)


def tool(name: str) -> str:
    """Path of a PySide6 command-line tool next to the running interpreter, or on PATH."""
    beside = Path(sys.executable).parent / name
    for candidate in (beside, beside.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def source_files() -> list[str]:
    """gui/ (translate calls) and core/ (QT_TRANSLATE_NOOP templates of core.messages)."""
    return sorted(str(path.relative_to(ROOT)) for folder in ("gui", "core") for path in (ROOT / folder).rglob("*.py"))


def catalog(language: str) -> Path:
    return CATALOG_DIR / f"lm_anatomy_{language}.ts"


def run_lupdate(target: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-locations", "none",
                    "-ts", str(target)], cwd=ROOT, check=True, capture_output=True)


def messages(ts_file: Path) -> dict[tuple[str, str], ElementTree.Element]:
    """(context, source) -> <message> element of a .ts file."""
    tree = ElementTree.parse(ts_file)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def check() -> list[str]:
    """Problems that should fail CI: strings lupdate finds that a catalogue lacks, unfinished entries."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "fresh.ts"
        run_lupdate(fresh)
        wanted = set(messages(fresh))
    for language in LANGUAGES:
        path = catalog(language)
        if not path.exists():
            problems.append(f"{path.name} is missing")
            continue
        have = messages(path)
        for context, source in sorted(wanted - set(have)):
            problems.append(f"{path.name}: not in the catalogue: [{context}] {source!r}")
        for (context, source), message in sorted(have.items()):
            if (context, source) not in wanted:
                continue
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not (translation.text or "").strip():
                problems.append(f"{path.name}: unfinished: [{context}] {source!r}")
    return problems


def compile_catalogues() -> None:
    """Only `pyside6-lrelease`: .ts -> .qm, leaving the .ts files as they are (what a build runs)."""
    for language in LANGUAGES:
        subprocess.run([tool("pyside6-lrelease"), str(catalog(language)), "-qm",
                        str(catalog(language).with_suffix(".qm"))], check=True, capture_output=True)
        print(f"compiled {catalog(language).with_suffix('.qm').name}")


def update() -> None:
    CATALOG_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        run_lupdate(catalog(language))
        print(f"updated {catalog(language).name}")
    compile_catalogues()


def fill(path: Path, language: str) -> list[str]:
    """Set the translations listed in `path` in the catalogue of `language`; returns the records that
    match no string of the catalogue (a changed or removed source text)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    target = catalog(language)
    tree = ElementTree.parse(target)
    by_key = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            by_key[(name, message.findtext("source") or "")] = message
    unmatched = []
    for record in records:
        message = by_key.get((record["context"], record["source"]))
        if message is None:
            unmatched.append(f"[{record['context']}] {record['source']!r}")
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ElementTree.SubElement(message, "translation")
        translation.text = record["translation"]
        translation.attrib.pop("type", None)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    run_lupdate(target)  # back to lupdate's own layout of the file
    return unmatched


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--compile", action="store_true", help="only compile the .ts files to .qm (builds)")
    parser.add_argument("--fill", type=Path, metavar="JSON", help="after updating, set the translations listed in JSON")
    parser.add_argument("--language", default=LANGUAGES[0], choices=LANGUAGES)
    args = parser.parse_args()
    if args.compile:
        compile_catalogues()
        return 0
    if args.check:
        problems = check()
        print("\n".join(problems) if problems else "translations complete")
        return 1 if problems else 0
    update()
    if args.fill:
        unmatched = fill(args.fill, args.language)
        compile_catalogues()
        for line in unmatched:
            print(f"no such string: {line}")
        return 1 if unmatched else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
