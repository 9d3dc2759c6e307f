#!/usr/bin/env python3
"""Writes N generated person concepts as TBX (seeded): an English name, its Russian spelling and
a Chinese name, so that name search runs on a glossary of realistic size. The names are made from
syllables, so most are not real people; none is meant to be."""
import argparse
import random
from xml.sax.saxutils import escape

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--n', type=int, default=100_000)
ap.add_argument('--seed', type=int, default=7)
ap.add_argument('--out', required=True)
a = ap.parse_args()
rng = random.Random(a.seed)

# Latin syllable -> Russian spelling, so that the pair reads like a romanized Russian name.
SYLLABLES = [('ka', 'ка'), ('ro', 'ро'), ('lin', 'лин'), ('mir', 'мир'), ('va', 'ва'), ('sen', 'сен'), ('tor', 'тор'),
             ('gri', 'гри'), ('pa', 'па'), ('dos', 'дос'), ('ne', 'не'), ('bu', 'бу'), ('zhu', 'жу'), ('kov', 'ков'),
             ('shin', 'шин'), ('ya', 'я'), ('vel', 'вель'), ('ta', 'та'), ('mo', 'мо'), ('rin', 'рин'), ('lev', 'лев'),
             ('sto', 'сто'), ('ku', 'ку'), ('dar', 'дар'), ('fe', 'фе'), ('ni', 'ни'), ('go', 'го'), ('rad', 'рад')]
ENDINGS = [('ov', 'ов'), ('in', 'ин'), ('sky', 'ский'), ('enko', 'енко'), ('ev', 'ев'), ('ich', 'ич'), ('', '')]
HAN = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅建国志文'


def word(parts):
    latin = ''.join(s[0] for s in parts)
    cyrillic = ''.join(s[1] for s in parts)
    return latin.capitalize(), cyrillic.capitalize()


def term(text, status):
    return (f'<termSec><term>{escape(text)}</term><termNote type="administrativeStatus">{status}Term-admn-sts</termNote>'
            '<termNote type="partOfSpeech">properNoun</termNote></termSec>')


seen = set()
with open(a.out, 'w', encoding='utf-8') as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tbx style="dca" type="TBX-Basic" xml:lang="en" '
              'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>Generated person names for the '
              'name-search benchmark (bench/synth_concepts.py)</p></sourceDesc></fileDesc></tbxHeader><text><body>\n')
    count = 0
    while count < a.n:
        first = word(rng.sample(SYLLABLES, rng.randint(2, 3)))
        last = word(rng.sample(SYLLABLES, rng.randint(1, 3)) + [rng.choice(ENDINGS)])
        han = rng.choice(HAN) + ''.join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        key = (first[0], last[0])
        if key in seen:
            continue
        seen.add(key)
        count += 1
        out.write(f'<conceptEntry id="synth-{count}"><descrip type="subjectField">person</descrip>'
                  f'<langSec xml:lang="en">{term(first[0] + " " + last[0], "preferred")}{term(last[0], "admitted")}</langSec>'
                  f'<langSec xml:lang="ru">{term(first[1] + " " + last[1], "preferred")}{term(last[1], "admitted")}</langSec>'
                  f'<langSec xml:lang="zh-CN">{term(han, "preferred")}</langSec></conceptEntry>\n')
    out.write('</body></text></tbx>\n')
