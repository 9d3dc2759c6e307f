#!/usr/bin/env python3
"""A deterministic (seeded) synthetic en-ru memory of up to 10,000,000 units, for scaling.

Units, in order: the real units whose source is the origin of a query (so that exact and edited
queries mean the same at every size), the other real units (shuffled), then recombinations of real
pairs: half splice the first words of one pair onto the last words of another (on both sides),
half replace one or two words on each side with words drawn from real segments (so the vocabulary
keeps its real frequencies). Every unit's (source, target) is distinct, so none is dropped as a
duplicate on import; no unit's source is a held-out query. Each size in --sizes gets a file holding
the first N units, so the smaller memories are subsets of the larger. Units stream to the files;
the units seen are kept as 8-byte hashes, so 10M units fit in well under a gigabyte.
"""
import argparse, hashlib, json, random
from tmxio import TMXWriter, read_pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--tmx', required=True, help='the reduced real memory (queries.py --out-tmx)')
    ap.add_argument('--queries', required=True)
    ap.add_argument('--sizes', default='10000,100000,1000000')
    ap.add_argument('--out-prefix', required=True, help='writes PREFIX-<size>.tmx')
    ap.add_argument('--seed', type=int, default=4)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    sizes = sorted(int(s) for s in a.sizes.split(','))

    queries = [json.loads(line) for line in open(a.queries, encoding='utf-8')]
    origins = {q['origin_text'] for q in queries if q['origin_text']}
    heldout = {q['text'] for q in queries if q['kind'] == 'heldout'}
    real = [(src, tgt) for _, src, tgt in read_pairs(a.tmx)]
    first = [p for p in real if p[0] in origins]
    others = [p for p in real if p[0] not in origins]
    rng.shuffle(others)

    words_src = [w for src, _ in rng.sample(real, min(20000, len(real))) for w in src.split()]
    words_tgt = [w for _, tgt in rng.sample(real, min(20000, len(real))) for w in tgt.split()]

    def recombine():
        (s1, t1), (s2, t2) = rng.choice(real), rng.choice(real)
        a1, b1, a2, b2 = s1.split(), t1.split(), s2.split(), t2.split()
        if rng.random() < 0.5 and len(a1) > 1 and len(a2) > 1 and len(b1) > 1 and len(b2) > 1:
            return (' '.join(a1[:len(a1) // 2] + a2[len(a2) // 2:]), ' '.join(b1[:len(b1) // 2] + b2[len(b2) // 2:]))
        for words, pool in ((a1, words_src), (b1, words_tgt)):
            for _ in range(rng.randint(1, 2)):
                if words:
                    words[rng.randrange(len(words))] = rng.choice(pool)
        return ' '.join(a1), ' '.join(b1)

    writers = [(size, TMXWriter(f'{a.out_prefix}-{size}.tmx')) for size in sizes]
    # Two units sharing a hash by chance (about 1 in 10^5 at 10M units) only costs one draw more.
    seen = set()

    def key(src, tgt):
        return hashlib.blake2b(f'{src}\0{tgt}'.encode(), digest_size=8).digest()
    n, synthetic = 0, 0

    def emit(src, tgt):
        nonlocal n
        for size, w in writers:
            if n < size:
                w.write(f's{n + 1}', src, tgt)
        n += 1

    for src, tgt in first + others:
        if n >= sizes[-1]:
            break
        if key(src, tgt) not in seen:
            seen.add(key(src, tgt))
            emit(src, tgt)
    misses = 0
    while n < sizes[-1]:
        src, tgt = recombine()
        k = key(src, tgt) if src.strip() and tgt.strip() and src not in heldout else None
        if k is None or k in seen:
            misses += 1
            if misses > 1000 * sizes[-1]:
                raise SystemExit('cannot make enough distinct units from this memory')
            continue
        seen.add(k)
        emit(src, tgt)
        synthetic += 1
    for _, w in writers:
        w.close()
    print(json.dumps({'sizes': sizes, 'real_units_used': n - synthetic, 'synthetic_units': synthetic,
                      'query_origin_units_first': len(first)}))


if __name__ == '__main__':
    main()
