"""XLIFF files imported as memories: translate-toolkit's own readers (`translate.storage.xliff`
for 1.2, `translate.storage.xliff2` for 2.x, which Weblate and Virtaal use) and `glossa import`
agree on which units are translated, and what Glossa stores reads back through translate-toolkit's
TMX reader with the same texts.

Glossa imports a unit when its target is finished (docs/importing.md); translate-toolkit calls a
1.2 unit translated only when it is `approved="yes"`, so the files compared unit by unit are the
ones whose translations carry it (OmegaT's, and the ones translate-toolkit writes itself).

Needs GLOSSA_BIN (a `glossa` binary) and GLOSSA_ROOT (the repository); each test uses its own
temporary database.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from translate.storage import tmx, xliff, xliff2

ROOT = Path(os.environ.get("GLOSSA_ROOT", Path(__file__).resolve().parents[2]))
CORPUS = ROOT / "Tests" / "Fixtures" / "corpus" / "xliff"
# translate-toolkit joins a unit's file and id with this separator (1.2) and a unit's and a
# segment's ids with "::" (2.x); Glossa reports the unit's id, with "#segment" when it has several.
FILE_SEPARATOR = "\x04"


def glossa(*arguments, database):
    binary = os.environ.get("GLOSSA_BIN")
    if not binary:
        pytest.skip("GLOSSA_BIN is not set")
    result = subprocess.run(
        [binary, *arguments, "--db", str(database)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def dry_run(path, tmp_path):
    output = glossa("import", "--dry-run", "--json", str(path), database=tmp_path / "dry.sqlite")
    [report] = json.loads(output)["memories"]
    return report


def unit_id(unit):
    return unit.getid().split(FILE_SEPARATOR)[-1]


def compare(store, report, to_glossa_id):
    units = [unit for unit in store.units if not unit.isheader()]
    translated = [unit for unit in units if unit.istranslated() and unit.istranslatable()]
    assert report["imported"] + report["duplicates"] == len(translated)
    assert report["unitsRead"] == len(units)
    rejected = {issue["tuid"] for issue in report["rejected"]}
    assert rejected == {to_glossa_id(unit) for unit in units if unit not in translated}


def test_omegat_xliff_12_translated_units_are_the_ones_glossa_imports(tmp_path):
    path = CORPUS / "omegat-org_omegat" / "en-xx.xlf"
    store = xliff.xlifffile.parsefile(str(path))
    report = dry_run(path, tmp_path)
    compare(store, report, unit_id)
    assert report["imported"] == 3


def test_okapi_xliff_2_translated_segments_are_the_ones_glossa_imports(tmp_path):
    path = CORPUS / "okapi-framework_okapi" / "xliff2-test01.xlf"
    store = xliff2.Xliff2File.parsefile(str(path))
    report = dry_run(path, tmp_path)
    segments_per_unit = {}
    for unit in store.units:
        name = unit.getid().split("::")[0]
        segments_per_unit[name] = segments_per_unit.get(name, 0) + 1

    def to_glossa_id(unit):
        name, segment = unit.getid().split("::")
        return f"{name}#{segment}" if segments_per_unit[name] > 1 else name

    compare(store, report, to_glossa_id)
    assert report["imported"] == 2


def test_files_translate_toolkit_writes_import_with_its_own_states(tmp_path):
    """Units translate-toolkit marks translated, approved, fuzzy or leaves empty, in both versions."""
    for version, store in (("1.2", xliff.xlifffile()), ("2", xliff2.Xliff2File())):
        store.setsourcelanguage("en")
        store.settargetlanguage("de")
        for name, source, target, mark in (
            ("done", "Save the file", "Datei speichern", "translated"),
            ("approved", "Open the file", "Datei öffnen", "approved"),
            ("fuzzy", "Close the file", "Datei schliessen?", "fuzzy"),
            ("empty", "Print the file", None, None),
        ):
            unit = store.addsourceunit(source)
            unit.setid(name)
            if target:
                unit.target = target
            if mark == "approved":
                unit.markapproved(True)
            elif mark == "fuzzy":
                unit.markfuzzy(True)
        path = tmp_path / f"written-{version}.xlf"
        path.write_bytes(bytes(store))
        reread = type(store).parsefile(str(path))
        report = dry_run(path, tmp_path)
        if version == "1.2":
            compare(reread, report, unit_id)
        else:
            compare(reread, report, lambda unit: unit.getid().split("::")[0])
        assert report["imported"] == 2, (version, path.read_text())


def test_translations_translate_toolkit_reads_come_back_in_the_tmx_export(tmp_path):
    database = tmp_path / "memory.sqlite"
    expected = set()
    for path in sorted(CORPUS.glob("*/*")):
        if path.suffix not in {".xlf", ".sdlxliff"}:
            continue
        try:
            store = xliff.xlifffile.parsefile(str(path))
        except ValueError:  # translate-toolkit's 1.2 reader refuses XLIFF 2 and names its own
            store = xliff2.Xliff2File.parsefile(str(path))
        for unit in store.units:
            if not unit.isheader() and unit.istranslated() and unit.istranslatable():
                expected.add((" ".join(unit.source.split()), " ".join(unit.target.split())))
        glossa("import", str(path), database=database)
    exported = tmp_path / "export.tmx"
    exported.write_text(glossa("export", database=database))
    stored = {
        (" ".join(unit.source.split()), " ".join(unit.target.split()))
        for unit in tmx.tmxfile.parsefile(str(exported)).units
    }
    assert expected, "translate-toolkit found no translated unit in the corpus"
    assert expected <= stored
