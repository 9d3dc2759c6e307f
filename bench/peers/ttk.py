#!/usr/bin/env python3
"""translate-toolkit: loading the TMX (translate.storage.tmx) and its fuzzy matcher
(translate.search.match.matcher, what its tools use for TM suggestions): load time, RSS, lookup latency.

The matcher sorts candidates and crashes with "TypeError: '<' not supported between instances of
'TranslationUnit'" when two tie on score; this script gives units an ordering (by source, then
target) before building it, and says so in its output."""
import argparse, json
from common import load_queries, now, rss_mib, summary


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--tmx', required=True)
    ap.add_argument('--queries', required=True)
    ap.add_argument('--n', type=int, default=200, help='queries timed (it is slow)')
    ap.add_argument('--min', type=int, default=70)
    ap.add_argument('--limit', type=int, default=5)
    ap.add_argument('--max-length', type=int, default=1000,
                    help="matcher's longest source (its default, 70, would leave most queries unanswered)")
    ap.add_argument('--top1-out', help='writes each query\'s best source text (JSON list) for rapidfuzz_scan.py')
    a = ap.parse_args()
    from importlib.metadata import version
    from translate.search import match
    from translate.storage import base, tmx

    base.TranslationUnit.__lt__ = lambda self, other: (str(self.source), str(self.target)) < (str(other.source), str(other.target))
    rss0 = rss_mib()
    t0 = now()
    with open(a.tmx, 'rb') as f:
        store = tmx.tmxfile(f, sourcelanguage='en', targetlanguage='ru')
    parse_s = now() - t0
    rss_parsed = rss_mib()
    t1 = now()
    matcher = match.matcher(store, max_candidates=a.limit, min_similarity=a.min, max_length=a.max_length)
    build_s = now() - t1
    queries = load_queries(a.queries, a.n)
    lat, top1, answered = {'exact': [], 'fuzzy': []}, [], 0
    for q in queries:
        t = now()
        found = matcher.matches(q['text'])
        lat['exact' if q['kind'] == 'exact' else 'fuzzy'].append((now() - t) * 1000)
        top1.append(str(found[0].source) if found else None)
        answered += bool(found)
    if a.top1_out:
        json.dump(top1, open(a.top1_out, 'w', encoding='utf-8'), ensure_ascii=False)
    print(json.dumps({
        'bench': 'translate-toolkit', 'version': version('translate-toolkit'), 'tmx': a.tmx,
        'units': len(store.units), 'parse_s': round(parse_s, 3), 'rss_after_parse_mib': rss_parsed,
        'matcher_build_s': round(build_s, 3), 'load_total_s': round(parse_s + build_s, 3),
        'rss_mib': rss_mib(), 'peak_rss_mib': rss_mib('VmHWM'), 'rss_at_start_mib': rss0,
        'queries': len(queries), 'answered': answered, 'exact': summary(lat['exact']),
        'fuzzy': summary(lat['fuzzy']), 'all': summary(lat['exact'] + lat['fuzzy']),
        'settings': {'min_similarity': a.min, 'max_candidates': a.limit, 'max_length': a.max_length},
        'note': 'TranslationUnit.__lt__ monkeypatched (source, target order): the matcher crashes on score ties otherwise',
    }))


if __name__ == '__main__':
    main()
