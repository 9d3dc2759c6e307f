#!/usr/bin/env python3
"""Writes a TMX of the numbered units FIRST..LAST-1 for the replica tests (.ci/replicas.sh,
.ci/read_replica.sh): unit n is the same bytes in every file that holds it, so files with
overlapping ranges overlap by exactly those units, and distinct numbers are distinct units.

Unit n is a sentence of the sample memory (tmx/, en, ru and zh-CN) picked by n, with " (n)" added
to each language's text. Never committed: written where asked.
usage: replica_tmx.py OUTPUT.tmx FIRST LAST [reverse]   (reverse: the same units, last first)
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("en", "ru", "zh-CN")


def main() -> None:
    output, first, last = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    sample = Path(__file__).resolve().parent.parent / "tmx" / "putin-xi-state-visit-2024.tmx"
    units = []
    for tu in ET.parse(sample).getroot().iter("tu"):
        texts = {tuv.get(XML_LANG): "".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")}
        if all(texts.get(language) for language in LANGUAGES):
            units.append(texts)
    with output.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="replica_tmx.py" creationtoolversion="1" segtype="sentence" o-tmf="none"'
                  ' adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
        numbers = range(first, last)
        for number in (reversed(numbers) if sys.argv[4:] == ["reverse"] else numbers):
            texts = units[(number * 7919) % len(units)]
            # Every third unit leaves out Chinese: units of two and of three languages.
            languages = LANGUAGES if number % 3 else LANGUAGES[:2]
            tuvs = "".join(f'<tuv xml:lang="{language}"><seg>{escape(texts[language])} ({number})</seg></tuv>' for language in languages)
            out.write(f'<tu tuid="r{number}">{tuvs}</tu>\n')
        out.write("</body>\n</tmx>\n")


if __name__ == "__main__":
    main()
