#!/usr/bin/env python3
"""Writes the names list of the names benchmark (language<TAB>term, one per line, file order) from
TBX glossaries (TBX v3 langSec/termSec or TBX 2008 langSet/tig), so that glossa-bench names and
peers/pyicu.py transliterate the very same names."""
import sys
import xml.etree.ElementTree as ET

LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def local(tag):
    return tag.rsplit('}', 1)[-1]


seen = set()
for path in sys.argv[1:]:
    lang = None
    for event, el in ET.iterparse(path, events=('start', 'end')):
        name = local(el.tag)
        if event == 'start' and name in ('langSec', 'langSet'):
            lang = el.get(LANG)
        elif event == 'end' and name == 'term' and lang and el.text and el.text.strip():
            key = (lang, el.text.strip())
            if key not in seen and '\t' not in key[1] and '\n' not in key[1]:
                seen.add(key)
                print(f'{key[0]}\t{key[1]}')
