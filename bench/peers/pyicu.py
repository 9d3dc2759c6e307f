#!/usr/bin/env python3
"""PyICU (built against the same system ICU) doing the transliterations that glossa-bench names
times, on the same names list: names/s with a created transliterator, and the cost of creating it
(the first creation in the process also loads ICU's transliteration data)."""
import argparse, json
from common import now

# The ICU ids of Glossa's schemes (Sources/GlossaText/Transliteration.swift), in glossa-bench's order.
SCHEMES = [
    ('bgn-pcgn', 'ru', 'Russian-Latin/BGN'),
    ('pinyin', 'zh', 'Traditional-Simplified; Han-Latin'),
    ('palladius', 'zh', 'Traditional-Simplified; Han-Latin/Names; zh_Latn_PINYIN-ru'),
    ('pinyin-names', 'zh', 'Traditional-Simplified; Han-Latin/Names'),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--names', required=True, help='bench/names.py output: language<TAB>name')
    ap.add_argument('--n', type=int, default=20000)
    a = ap.parse_args()
    import icu

    names = {}
    for line in open(a.names, encoding='utf-8'):
        lang, _, text = line.rstrip('\n').partition('\t')
        names.setdefault(lang[:2], []).append(text)
    out = {'bench': 'pyicu', 'icu': icu.ICU_VERSION, 'pyicu': icu.VERSION, 'n': a.n, 'schemes': {}}
    for name, lang, icu_id in SCHEMES:
        data = names.get(lang, [])
        if not data:
            continue
        t = now()
        tr = icu.Transliterator.createInstance(icu_id)
        create_ms = (now() - t) * 1000
        t = now()
        tr.transliterate(data[0])
        first_ms = (now() - t) * 1000
        t = now()
        for i in range(a.n):
            tr.transliterate(data[i % len(data)])
        seconds = now() - t
        t = now()
        icu.Transliterator.createInstance(icu_id)
        again_ms = (now() - t) * 1000
        out['schemes'][name] = {'icu': icu_id, 'names': len(data), 'create_ms': round(create_ms, 3),
                                'first_transliteration_ms': round(first_ms, 3), 'create_again_ms': round(again_ms, 3),
                                'names_per_s': round(a.n / seconds)}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
