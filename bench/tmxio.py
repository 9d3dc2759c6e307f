"""Reading and writing the bilingual TMX files of the benchmark (standard library only)."""
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def seg_text(seg):
    """Plain text of a <seg>: inline codes (<ph>, <bpt>...) left out, as Glossa stores `text`."""
    parts = [seg.text or '']
    for child in seg:
        parts.append(child.tail or '')
    return ''.join(parts)


def read_pairs(path, source='en', target='ru'):
    """Yields (tuid, source text, target text) for each <tu> holding both languages."""
    for _, el in ET.iterparse(path):
        if el.tag != 'tu':
            continue
        texts = {}
        for tuv in el.findall('tuv'):
            lang = (tuv.get(XML_LANG) or tuv.get('lang') or '').lower()
            seg = tuv.find('seg')
            if seg is not None:
                texts.setdefault(lang.split('-')[0], seg_text(seg))
        if texts.get(source, '').strip() and texts.get(target, '').strip():
            yield el.get('tuid'), texts[source], texts[target]
        el.clear()


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('\r', '&#13;')


class TMXWriter:
    """Writes <tu> elements of two languages, streaming."""

    def __init__(self, path, source='en', target='ru', tool='glossa-bench'):
        self.f = open(path, 'w', encoding='utf-8', newline='\n')
        self.source, self.target, self.count = source, target, 0
        self.f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                     f'  <header creationtool="{tool}" creationtoolversion="1" segtype="sentence" '
                     f'o-tmf="glossa-bench" adminlang="en" srclang="{source}" datatype="plaintext"/>\n  <body>\n')

    def write(self, tuid, src, tgt):
        self.count += 1
        self.f.write(f'    <tu tuid="{esc(str(tuid))}">\n'
                     f'      <tuv xml:lang="{self.source}"><seg>{esc(src)}</seg></tuv>\n'
                     f'      <tuv xml:lang="{self.target}"><seg>{esc(tgt)}</seg></tuv>\n    </tu>\n')

    def close(self):
        self.f.write('  </body>\n</tmx>\n')
        self.f.close()
