#!/usr/bin/env python3
"""Writes a large en/ru TMX for the fault tests, the same bytes on every run.

Each unit is a sentence pair of the sample memory (tmx/) with a running number, so every unit
is distinct and the file's unit count is exactly UNITS. Never committed: written where asked.
usage: big-tmx.py OUTPUT.tmx [UNITS]
"""
import random
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sentence_pairs(sample: Path) -> list[tuple[str, str]]:
    pairs = []
    for tu in ET.parse(sample).getroot().iter("tu"):
        texts = {tuv.get(XML_LANG): "".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")}
        if texts.get("en") and texts.get("ru"):
            pairs.append((texts["en"], texts["ru"]))
    return pairs


def main() -> None:
    output = Path(sys.argv[1])
    units = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    pairs = sentence_pairs(Path(__file__).resolve().parent.parent / "tmx" / "putin-xi-state-visit-2024.tmx")
    chooser = random.Random(20240516)
    with output.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="big-tmx.py" creationtoolversion="1" segtype="sentence" o-tmf="none"'
                  ' adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
        for number in range(1, units + 1):
            en, ru = chooser.choice(pairs)
            out.write(f'<tu tuid="u{number}"><tuv xml:lang="en"><seg>{escape(en)} ({number})</seg></tuv>'
                      f'<tuv xml:lang="ru"><seg>{escape(ru)} ({number})</seg></tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


if __name__ == "__main__":
    main()
