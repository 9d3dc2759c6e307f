"""Pre-translation of an XLIFF 1.2 file made of the lookup queries (queries.jsonl: exact, edited and
held-out sentences, so exact fills, fuzzy fills and misses in the proportions of the lookups), by
`glossa pretranslate` on the memory the lookups use. Each query is one trans-unit; `--copies`
repeats the set under other ids. Prints one JSON object: segments, wall seconds, segments/s, peak
RSS, the file sizes and the report Glossa printed."""
import argparse
import json
import os
import subprocess
import tempfile
import time
from xml.sax.saxutils import escape


def write_xliff(path, texts, source, target):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n')
        f.write(f'<file original="bench" source-language="{source}" target-language="{target}" datatype="plaintext"><body>\n')
        for number, text in enumerate(texts, 1):
            f.write(f'<trans-unit id="{number}"><source>{escape(text)}</source></trans-unit>\n')
        f.write('</body></file>\n</xliff>\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--glossa', required=True)
    ap.add_argument('--db', required=True)
    ap.add_argument('--queries', required=True)
    ap.add_argument('--copies', type=int, default=1)
    ap.add_argument('--source', default='en')
    ap.add_argument('--target', default='ru')
    a = ap.parse_args()
    texts = [json.loads(line)['text'] for line in open(a.queries, encoding='utf-8')] * a.copies
    with tempfile.TemporaryDirectory() as work:
        given, written = os.path.join(work, 'in.xlf'), os.path.join(work, 'out.xlf')
        write_xliff(given, texts, a.source, a.target)
        started = time.perf_counter()
        process = subprocess.Popen([a.glossa, 'pretranslate', '--db', a.db, '--json', '-o', written, given],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        report = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if status != 0:
            raise SystemExit(f'glossa pretranslate failed: {report.decode(errors="replace")}')
        result = {'segments': len(texts), 'seconds': round(seconds, 3), 'segments_per_s': round(len(texts) / seconds, 1),
                  'peak_rss_mib': round(usage.ru_maxrss / 1024, 1), 'input_bytes': os.path.getsize(given),
                  'output_bytes': os.path.getsize(written), 'report': json.loads(report)}
    print(json.dumps(result))


if __name__ == '__main__':
    main()
