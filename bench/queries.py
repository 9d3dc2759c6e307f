#!/usr/bin/env python3
"""Held-out and edited lookup queries, deterministic (seeded).

Removes the units of N randomly chosen source sentences from the memory file (writes the reduced
TMX that is imported instead), takes those sentences as `heldout` queries, adds `edited` copies of
memory sentences (a word dropped, replaced, two words swapped, numbers changed, case changed) and
`exact` verbatim memory sentences. Writes queries.jsonl: {text, kind, origin_text, edit}.
"""
import argparse, json, random, re, sys
from tmxio import TMXWriter, read_pairs

WORD = re.compile(r'\w+', re.UNICODE)


def eligible(text):
    # Sentences a translator would look up: 3 to 40 words, and short enough for a GET URL.
    words = WORD.findall(text)
    return 3 <= len(words) <= 40 and len(text) <= 300 and text == text.strip()


def edit(text, how, rng, vocabulary):
    words = [m for m in WORD.finditer(text) if not m.group().isdigit()]
    if how == 'drop' and len(words) >= 3:
        m = rng.choice(words)
        return (text[:m.start()] + text[m.end():]).replace('  ', ' ').strip()
    if how == 'replace' and words:
        m = rng.choice(words)
        return text[:m.start()] + rng.choice(vocabulary) + text[m.end():]
    if how == 'swap' and len(words) >= 2:
        i = rng.randrange(len(words) - 1)
        a, b = words[i], words[i + 1 + rng.randrange(min(2, len(words) - i - 1))]
        return text[:a.start()] + b.group() + text[a.end():b.start()] + a.group() + text[b.end():]
    if how == 'numbers' and re.search(r'\d', text):
        return re.sub(r'\d+', lambda m: str(int(m.group()) + rng.randint(1, 97)), text)
    if how == 'case':
        return text.upper() if rng.random() < 0.5 else text.lower() if text != text.lower() else text.title()
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--tmx', required=True)
    ap.add_argument('--out-tmx', required=True, help='the memory without the held-out units')
    ap.add_argument('--out', required=True, help='queries.jsonl')
    ap.add_argument('--n', type=int, default=1000)
    ap.add_argument('--seed', type=int, default=4)
    ap.add_argument('--source', default='en')
    ap.add_argument('--target', default='ru')
    a = ap.parse_args()
    rng = random.Random(a.seed)

    units = list(read_pairs(a.tmx, a.source, a.target))
    texts = sorted({src for _, src, _ in units})
    pool = [t for t in texts if eligible(t)]
    n_heldout, n_exact = round(a.n * 0.3), round(a.n * 0.2)
    n_edited = a.n - n_heldout - n_exact
    if len(pool) < n_heldout + 10:
        sys.exit(f'only {len(pool)} eligible sentences in {a.tmx} for {a.n} queries')

    heldout = set(rng.sample(pool, n_heldout))
    rest = [t for t in pool if t not in heldout]
    memory = {t for t in texts if t not in heldout}
    vocabulary = sorted({w for t in rest[:20000] for w in WORD.findall(t) if not w.isdigit()})
    with_digits = [t for t in rest if re.search(r'\d', t)] or rest

    queries = [{'text': t, 'kind': 'heldout', 'origin_text': None, 'edit': None} for t in sorted(heldout)]
    queries += [{'text': t, 'kind': 'exact', 'origin_text': t, 'edit': None}
                for t in rng.sample(rest, min(n_exact, len(rest)))]
    kinds = ['drop', 'replace', 'swap', 'numbers', 'case']
    seen, attempts = set(), 0
    while len(queries) < a.n and attempts < a.n * 50:
        attempts += 1
        how = kinds[len(queries) % len(kinds)]
        origin = rng.choice(with_digits if how == 'numbers' else rest)
        changed = edit(origin, how, rng, vocabulary)
        # An edit that lands on another memory sentence is not an edit; redraw.
        if not changed or changed in memory or changed in seen:
            continue
        seen.add(changed)
        queries.append({'text': changed, 'kind': 'edited', 'origin_text': origin, 'edit': how})
    rng.shuffle(queries)

    writer = TMXWriter(a.out_tmx, a.source, a.target)
    removed = 0
    for tuid, src, tgt in units:
        if src in heldout:
            removed += 1
            continue
        writer.write(tuid, src, tgt)
    writer.close()
    with open(a.out, 'w', encoding='utf-8') as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + '\n')
    counts = {}
    for q in queries:
        counts[q['kind']] = counts.get(q['kind'], 0) + 1
    print(json.dumps({'queries': len(queries), 'kinds': counts, 'units_in': len(units),
                      'units_removed': removed, 'units_out': writer.count}))


if __name__ == '__main__':
    main()
