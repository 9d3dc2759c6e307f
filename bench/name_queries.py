#!/usr/bin/env python3
"""Writes the queries of the name-search benchmark (kind<TAB>query, one per line, seeded) from the
shipped TBX glossaries:
  hit              a term as written (en, ru, zh-CN)
  inflected        a Russian one-word name in another case (Путина, Москвы), an English possessive
  similar          an English name of 6+ letters with one letter replaced (Putim)
  transliteration  a made-up name of pinyin syllables or Russian-looking Cyrillic, in no glossary
glossa-bench name-search reports each kind apart, with the answer kind it got."""
import argparse
import random
import sys
import xml.etree.ElementTree as ET

LANG = '{http://www.w3.org/XML/1998/namespace}lang'
ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--n', type=int, default=500, help='queries per kind')
ap.add_argument('--seed', type=int, default=11)
ap.add_argument('files', nargs='+')
a = ap.parse_args()
rng = random.Random(a.seed)

terms = []          # (language, text, status)
for path in a.files:
    for entry in ET.parse(path).getroot().iter():
        if entry.tag.endswith('langSec'):
            language = entry.get(LANG)
            for node in entry.iter():
                if node.tag.endswith('termSec'):
                    text = next((t.text for t in node if t.tag.endswith('term')), None)
                    status = next((t.text for t in node if t.tag.endswith('termNote') and t.get('type') == 'administrativeStatus'), '')
                    if text and '\t' not in text and '\n' not in text:
                        terms.append((language, text.strip(), status))
known = {text.lower() for _, text, _ in terms}
hits = [text for language, text, _ in terms if language in ('en', 'ru', 'zh-CN')]
russian = [text for language, text, status in terms
           if language == 'ru' and ' ' not in text and '-' not in text and len(text) >= 4 and text[0].isupper()]
english = [text for language, text, status in terms if language == 'en' and text.isascii() and text.replace(' ', '').isalpha()]


def inflect(name):
    if name[-1] in 'аяь':
        return name[:-1] + rng.choice(['ы', 'е', 'ой']) if name[-1] == 'а' else None
    if name[-1] in 'бвгджзклмнпрстфхцчшщ':
        return name + rng.choice(['а', 'у', 'ом', 'е'])
    return None


def slip(name):
    letters = list(name)
    positions = [i for i in range(1, len(letters) - 1) if letters[i].isalpha()]
    if len(name.replace(' ', '')) < 6 or not positions:
        return None
    i = rng.choice(positions)
    letters[i] = rng.choice([c for c in 'aeioubdgklmnprst' if c != letters[i].lower()])
    return ''.join(letters)


PINYIN = ['bai', 'shui', 'tai', 'qiong', 'zhou', 'heng', 'lu', 'mian', 'zhu', 'xiang', 'yun', 'dong', 'ping', 'jia', 'luo',
          'song', 'tian', 'xin', 'hua', 'yang', 'ning', 'fen', 'gao', 'ling']
CYRILLIC = ['Бор', 'Ведь', 'Зар', 'Крас', 'Мир', 'Пол', 'Рад', 'Свет', 'Тихо', 'Ясн', 'Гор', 'Лес']
ENDINGS = ['овск', 'инск', 'ово', 'ец', 'ицкий', 'анов']
out = {'hit': set(), 'inflected': set(), 'similar': set(), 'transliteration': set()}
while len(out['hit']) < min(a.n, len(set(hits))):
    out['hit'].add(rng.choice(hits))
for _ in range(a.n * 20):
    if len(out['inflected']) >= a.n:
        break
    form = inflect(rng.choice(russian)) if rng.random() < 0.8 else rng.choice(english) + "'s"
    if form and form.lower() not in known:
        out['inflected'].add(form)
for _ in range(a.n * 20):
    if len(out['similar']) >= a.n:
        break
    form = slip(rng.choice(english))
    if form and form.lower() not in known:
        out['similar'].add(form)
for _ in range(a.n * 20):
    if len(out['transliteration']) >= a.n:
        break
    if rng.random() < 0.5:
        form = ''.join(rng.sample(PINYIN, rng.randint(2, 3))).capitalize()
    else:
        form = rng.choice(CYRILLIC) + rng.choice(ENDINGS)
    if form.lower() not in known:
        out['transliteration'].add(form)
for kind, queries in out.items():
    for query in sorted(queries):
        print(f'{kind}\t{query}')
print(' '.join(f'{kind} {len(queries)}' for kind, queries in out.items()), file=sys.stderr)
