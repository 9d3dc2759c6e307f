#!/usr/bin/env python3
"""SQLite's own floor: bare inserts of the memory's (source, target) pairs in one transaction into
an on-disk database (WAL, synchronous=NORMAL, as Glossa opens it): a plain table, FTS5 with the
unicode61 tokenizer, FTS5 with the trigram tokenizer. The pairs are read before the clock starts.
Also times `xmllint --stream` over the file: the streaming XML parse floor."""
import argparse, json, os, sqlite3, subprocess, tempfile
from common import now
from tmxio import read_pairs

TABLES = {
    'plain': 'CREATE TABLE pair (id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL)',
    'fts5_unicode61': "CREATE VIRTUAL TABLE pair USING fts5(source, target, tokenize='unicode61')",
    'fts5_trigram': "CREATE VIRTUAL TABLE pair USING fts5(source, target, tokenize='trigram')",
}


def insert(pairs, schema, folder):
    path = os.path.join(folder, 'floor.sqlite')
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute('PRAGMA journal_mode=WAL')
    db.execute('PRAGMA synchronous=NORMAL')
    db.execute(schema)
    t = now()
    db.execute('BEGIN')
    db.executemany('INSERT INTO pair (source, target) VALUES (?, ?)', pairs)
    db.execute('COMMIT')
    seconds = now() - t
    db.close()
    return {'seconds': round(seconds, 3), 'units_per_s': round(len(pairs) / seconds),
            'bytes': os.path.getsize(path) + (os.path.getsize(path + '-wal') if os.path.exists(path + '-wal') else 0)}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--tmx', required=True)
    a = ap.parse_args()
    t = now()
    pairs = [(src, tgt) for _, src, tgt in read_pairs(a.tmx)]
    parse_s = now() - t
    out = {'bench': 'sqlite-floor', 'sqlite': sqlite3.sqlite_version, 'tmx': a.tmx, 'units': len(pairs),
           'python_etree_parse_s': round(parse_s, 3)}
    with tempfile.TemporaryDirectory(dir=os.environ.get('BENCH_TMP')) as folder:
        for name, schema in TABLES.items():
            out[name] = insert(pairs, schema, folder)
    t = now()
    subprocess.run(['xmllint', '--stream', '--noout', a.tmx], check=True)
    out['xmllint_stream_s'] = round(now() - t, 3)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
