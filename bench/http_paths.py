#!/usr/bin/env python3
"""Writes the request paths the HTTP benchmarks rotate over: /v1/tm/lookup for every query, the
same lookup as a tmserver client (Weblate) asks it, with and without a tag token, and /v1/names for every name of the names list
(URL-encoded, one per line)."""
import argparse, json
from urllib.parse import quote, urlencode

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--queries', required=True)
ap.add_argument('--names', required=True)
ap.add_argument('--out-lookup', required=True)
ap.add_argument('--out-names', required=True)
ap.add_argument('--out-tmserver', required=True)
ap.add_argument('--out-tmserver-tagged', required=True)
ap.add_argument('--source', default='en')
ap.add_argument('--target', default='ru')
ap.add_argument('--min', type=int, default=70)
ap.add_argument('--limit', type=int, default=5)
a = ap.parse_args()
with open(a.out_lookup, 'w') as f:
    for line in open(a.queries, encoding='utf-8'):
        q = json.loads(line)
        f.write('/v1/tm/lookup?' + urlencode({'q': q['text'], 'source': a.source, 'target': a.target,
                                              'min': a.min, 'limit': a.limit}) + '\n')
with open(a.out_tmserver, 'w') as f:
    for line in open(a.queries, encoding='utf-8'):
        q = json.loads(line)
        f.write(f"/tmserver/{a.source}/{a.target}/unit/{quote(q['text'], safe='')}?"
                + urlencode({'min_similarity': a.min, 'max_candidates': a.limit}) + '\n')
# As Weblate sends a string that starts with a tag: the tag as a token ([X0X]).
with open(a.out_tmserver_tagged, 'w') as f:
    for line in open(a.queries, encoding='utf-8'):
        q = json.loads(line)
        f.write(f"/tmserver/{a.source}/{a.target}/unit/{quote('[X0X]' + q['text'], safe='')}?"
                + urlencode({'min_similarity': a.min, 'max_candidates': a.limit}) + '\n')
with open(a.out_names, 'w') as f:
    for line in open(a.names, encoding='utf-8'):
        f.write('/v1/names?' + urlencode({'q': line.rstrip('\n').split('\t', 1)[1]}) + '\n')
