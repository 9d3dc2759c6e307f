"""Glossa's glossary exports read by translate-toolkit's own readers.

A glossary with synonyms, statuses (a deprecated and a forbidden term) and a definition full of
quotes and commas is imported into a database of its own, exported in each format, and read back
with translate.storage.tbx (TBX 2008), csvl10n (Weblate's glossary CSV) and omegat (OmegaT's
tab-separated glossary). The TBX v3 export (`--format tbx`) is left to Glossa's own tests:
translate-toolkit reads only the 2008 `martif` form, which is why tbx-2008 exists.
"""

import io
import os
import pathlib
import subprocess
import tempfile

import pytest
from translate.storage import csvl10n, omegat, tbx

ROOT = pathlib.Path(os.environ.get("GLOSSA_ROOT", pathlib.Path(__file__).resolve().parents[2]))
GLOSSA = os.environ.get("GLOSSA_BIN", str(ROOT / ".build" / "debug" / "glossa"))

DEFINITION = 'A hand-held telephone, the "mobile", with a comma, too'

GLOSSARY = f"""<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>interop test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="phone">
      <descrip type="definition">{DEFINITION.replace('"', "&quot;")}</descrip>
      <langSec xml:lang="en">
        <termSec><term>mobile phone</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>cell phone</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>handy</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ru">
        <termSec><term>сотовый телефон</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>мобильный телефон</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>мобила</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          <note>Forbidden term: must not be used.</note></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="hall">
      <langSec xml:lang="en"><termSec><term>Great Hall of the People</term></termSec></langSec>
      <langSec xml:lang="ru"><termSec><term>Дом народных собраний</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


@pytest.fixture(scope="module")
def export():
    with tempfile.TemporaryDirectory() as folder:
        database = os.path.join(folder, "glossary.db")
        source = os.path.join(folder, "glossary.tbx")
        pathlib.Path(source).write_text(GLOSSARY, encoding="utf-8")
        subprocess.run([GLOSSA, "import", "--db", database, source], capture_output=True, check=True)

        def run(format, *extra):
            command = [GLOSSA, "export", "--db", database, "--glossary", "--format", format, *extra]
            return subprocess.run(command, capture_output=True, check=True).stdout

        yield run


def test_translate_toolkit_reads_every_term_and_status_of_the_tbx_2008_export(export):
    store = tbx.tbxfile(export("tbx-2008"), sourcelanguage="en", targetlanguage="ru")
    assert len(store.units) == 2
    phone = next(unit for unit in store.units if unit.source == "mobile phone")
    assert [term.text for term in phone.get_source_terms()] == ["mobile phone", "cell phone", "handy"]
    targets = phone.get_target_terms()
    assert [term.text for term in targets] == ["сотовый телефон", "мобильный телефон", "мобила"]
    assert [term.deprecated for term in targets] == [False, False, True]
    assert any(note.text == DEFINITION for note in phone.get_common_notes(source=True))
    hall = next(unit for unit in store.units if unit.source == "Great Hall of the People")
    assert hall.target == "Дом народных собраний"


def test_weblate_csv_gives_each_usable_source_term_the_preferred_translation(export):
    store = csvl10n.csvfile(io.BytesIO(export("csv", "--languages", "en,ru")))
    rows = [(unit.source, unit.target, unit.getnotes()) for unit in store.units]
    assert rows == [
        ("mobile phone", "мобильный телефон", DEFINITION),
        ("cell phone", "мобильный телефон", DEFINITION),
        ("Great Hall of the People", "Дом народных собраний", ""),
    ]


def test_omegat_tsv_lists_every_usable_pair_and_leaves_out_deprecated_and_forbidden_terms(export):
    store = omegat.OmegaTFile(export("tsv", "--languages", "en,ru"))
    # OmegaT skips lines that start with '#' (its encoding comment); translate-toolkit's reader does not.
    units = [unit for unit in store.units if not unit.source.startswith("#")]
    pairs = [(unit.source, unit.target) for unit in units]
    assert pairs == [
        ("mobile phone", "мобильный телефон"),
        ("mobile phone", "сотовый телефон"),
        ("cell phone", "мобильный телефон"),
        ("cell phone", "сотовый телефон"),
        ("Great Hall of the People", "Дом народных собраний"),
    ]
    assert units[0].getnotes() == DEFINITION
    assert not any("handy" in pair or "мобила" in pair for pair in pairs)
