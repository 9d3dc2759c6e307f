#!/usr/bin/env python3
"""rapidfuzz exhaustive scan: process.extract over every source segment of the memory with a
normalized Levenshtein similarity (optimized C++), the brute-force reference. Latency percentiles;
optionally the top-1 agreement with translate-toolkit's matcher on the same queries."""
import argparse, json
from common import load_queries, now, rss_mib, summary
from tmxio import read_pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--tmx', required=True)
    ap.add_argument('--queries', required=True)
    ap.add_argument('--n', type=int, default=1000)
    ap.add_argument('--min', type=int, default=70)
    ap.add_argument('--limit', type=int, default=5)
    ap.add_argument('--scorer', choices=['levenshtein', 'indel'], default='levenshtein',
                    help='levenshtein: Levenshtein.normalized_similarity; indel: fuzz.ratio (faster bit-parallel LCS)')
    ap.add_argument('--ttk-top1', help="ttk.py --top1-out file: compares the best source per query")
    a = ap.parse_args()
    from importlib.metadata import version
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    # Both score in 0..1 or 0..100 alike: the cutoff follows the scorer's scale.
    scorer, scale = (Levenshtein.normalized_similarity, 100) if a.scorer == 'levenshtein' else (fuzz.ratio, 1)
    t0 = now()
    sources = [src for _, src, _ in read_pairs(a.tmx)]
    load_s = now() - t0
    queries = load_queries(a.queries, a.n)
    lat, top1, answered = {'exact': [], 'fuzzy': []}, [], 0
    for q in queries:
        t = now()
        found = process.extract(q['text'], sources, scorer=scorer,
                                score_cutoff=a.min / scale, limit=a.limit)
        lat['exact' if q['kind'] == 'exact' else 'fuzzy'].append((now() - t) * 1000)
        top1.append(found[0][0] if found else None)
        answered += bool(found)
    out = {'bench': 'rapidfuzz', 'version': version('rapidfuzz'), 'tmx': a.tmx, 'segments': len(sources),
           'load_s': round(load_s, 3), 'rss_mib': rss_mib(), 'queries': len(queries), 'answered': answered,
           'exact': summary(lat['exact']), 'fuzzy': summary(lat['fuzzy']),
           'all': summary(lat['exact'] + lat['fuzzy']),
           'scorer': {'levenshtein': 'Levenshtein.normalized_similarity', 'indel': 'fuzz.ratio'}[a.scorer]
                     + ' over characters, cutoff min, limit'}
    if a.ttk_top1:
        ttk = json.load(open(a.ttk_top1, encoding='utf-8'))
        pairs = list(zip(ttk, top1))
        out['ttk_top1_agreement'] = {'compared': len(pairs), 'same': sum(x == y for x, y in pairs),
                                     'both_answered': sum(x is not None and y is not None for x, y in pairs)}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
