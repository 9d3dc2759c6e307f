#!/usr/bin/env python3
"""Copies a TMX file without the units that hold a segment longer than --max-bytes (UTF-8 bytes
of its escaped text, which is never shorter than the text). The PostgreSQL engine cannot import
such a unit yet: segment_by_fold is a B-tree on the whole fold, and PostgreSQL refuses an index row
over 2,704 bytes, which fails the whole file ("index row size ... exceeds btree version 4 maximum").
The PostgreSQL steps of bench/run.sh import these copies until that index changes; prints the count
of units left out as JSON on stderr."""
import argparse, json, re, sys

# 2,704 bytes per index row, less the row's header, the language group and the id; the fold
# (NFKC case folding) may be a little longer than the text.
DEFAULT_MAX_BYTES = 2400
SEG = re.compile(r'<seg>(.*?)</seg>', re.S)

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--max-bytes', type=int, default=DEFAULT_MAX_BYTES)
ap.add_argument('source')
ap.add_argument('out')
a = ap.parse_args()
text = open(a.source, encoding='utf-8').read()
kept = dropped = 0
with open(a.out, 'w', encoding='utf-8') as out:
    position = 0
    # Units are the <tu> ... </tu> blocks; what lies between them (header, body tags) is copied.
    for unit in re.finditer(r'<tu[ >].*?</tu>\s*', text, re.S):
        out.write(text[position:unit.start()])
        position = unit.end()
        if any(len(seg.encode()) > a.max_bytes for seg in SEG.findall(unit.group())):
            dropped += 1
        else:
            kept += 1
            out.write(unit.group())
    out.write(text[position:])
print(json.dumps({'file': a.source, 'max_bytes': a.max_bytes, 'kept': kept, 'dropped': dropped}), file=sys.stderr)
