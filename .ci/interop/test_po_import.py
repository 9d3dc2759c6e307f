"""Glossa's PO import against translate-toolkit's own PO reader (translate.storage.po).

For each real PO file in the corpus, translate-toolkit's reader says which entries are
translated and not fuzzy; every non-empty form of those is one unit Glossa must keep, and every
other entry must be rejected. `glossa import --dry-run --json` on a database of its own must
count the same.
"""

import json
import os
import pathlib
import subprocess
import tempfile

import pytest
from translate.storage import po

ROOT = pathlib.Path(os.environ.get("GLOSSA_ROOT", pathlib.Path(__file__).resolve().parents[2]))
GLOSSA = os.environ.get("GLOSSA_BIN", str(ROOT / ".build" / "debug" / "glossa"))
CORPUS = sorted((ROOT / "Tests" / "Fixtures" / "corpus" / "po").glob("*/*.po"))


def toolkit_units(path):
    """(kept units, texts) as translate-toolkit reads the file: each non-empty form of a
    translated, non-fuzzy, non-obsolete entry; plural form 0 pairs with msgid, the others
    with msgid_plural."""
    store = po.pofile.parsefile(str(path))
    kept = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete() or unit.isfuzzy():
            continue
        if unit.hasplural():
            sources = unit.source.strings
            for index, target in enumerate(unit.target.strings):
                if target:
                    kept.append((sources[0] if index == 0 else sources[-1], target))
        elif unit.target:
            kept.append((unit.source, unit.target))
    return kept


def glossa_dry_run(path, *extra):
    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "po.db")
        result = subprocess.run(
            [GLOSSA, "import", "--db", database, "--dry-run", "--json", *extra, str(path)],
            capture_output=True, text=True, check=True,
        )
    return json.loads(result.stdout)["memories"][0]


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_glossa_keeps_what_translate_toolkit_calls_translated(path):
    kept = toolkit_units(path)
    report = glossa_dry_run(path)
    assert report["unitsRead"] - report["rejectedCount"] == len(kept)
    assert report["imported"] == len(set(kept))
    assert len(kept) > 0


def test_the_corpus_is_there():
    assert len(CORPUS) >= 3


def test_imported_texts_are_the_ones_translate_toolkit_reads():
    """The units exported back as TMX hold exactly translate-toolkit's (source, target) pairs:
    escapes, multi-line strings and plurals decoded the same way."""
    from translate.storage import tmx

    path = ROOT / "Tests" / "Fixtures" / "corpus" / "po" / "django_django" / "ru-django.po"
    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "po.db")
        subprocess.run([GLOSSA, "import", "--db", database, str(path)], capture_output=True, check=True)
        exported = subprocess.run(
            [GLOSSA, "export", "--db", database, "--from", "en", "--to", "ru"], capture_output=True, check=True
        ).stdout
    memory = tmx.tmxfile(exported)
    pairs = {(unit.source, unit.target) for unit in memory.units}
    assert pairs == set(toolkit_units(path))
