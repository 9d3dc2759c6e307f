#!/usr/bin/env python3
"""PostgreSQL pg_trgm, what PostgreSQL users run for TM lookups today (amaGama's approach): the
memory's (source, target) pairs COPYed into a table, a GIN trigram index on source, then
`WHERE source % q ORDER BY similarity(source, q) DESC LIMIT 5` with pg_trgm.similarity_threshold
0.7, one prepared statement, one query at a time. Load and index times, sizes, latency percentiles
(exact and fuzzy queries, as the other peers), and how often an exact or edited query finds the
memory sentence it came from. The pairs are read before the clock starts.

Connects to --dsn (default $GLOSSA_TEST_POSTGRES: .ci/postgres.sh start); replaces the table."""
import argparse, json, os
from common import load_queries, now, summary
from tmxio import read_pairs

LOOKUP = ('SELECT source, target, similarity(source, %s) AS s FROM {table} '
          'WHERE source %% %s ORDER BY s DESC LIMIT %s')


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--tmx', required=True)
    ap.add_argument('--queries', required=True)
    ap.add_argument('--n', type=int, default=1000)
    ap.add_argument('--dsn', default=os.environ.get('GLOSSA_TEST_POSTGRES'))
    ap.add_argument('--threshold', type=float, default=0.7, help='pg_trgm.similarity_threshold')
    ap.add_argument('--limit', type=int, default=5)
    ap.add_argument('--table', default='units')
    ap.add_argument('--keep', action='store_true', help='leave the table in the database')
    a = ap.parse_args()
    if not a.dsn:
        ap.error('no --dsn and no $GLOSSA_TEST_POSTGRES (eval "$(bash .ci/postgres.sh start)")')
    import psycopg
    from psycopg import sql

    t = now()
    pairs = [(src, tgt) for _, src, tgt in read_pairs(a.tmx)]
    read_s = now() - t
    queries = load_queries(a.queries, a.n)
    table, index = sql.Identifier(a.table), a.table + '_source_trgm'
    with psycopg.connect(a.dsn, autocommit=True) as db:
        db.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        db.execute(sql.SQL('DROP TABLE IF EXISTS {}').format(table))
        db.execute(sql.SQL('CREATE TABLE {} (source text NOT NULL, target text NOT NULL)').format(table))

        t = now()
        with db.transaction(), db.cursor() as cur:
            with cur.copy(sql.SQL('COPY {} (source, target) FROM STDIN').format(table)) as copy:
                for pair in pairs:
                    copy.write_row(pair)
        load_s = now() - t
        t = now()
        db.execute(sql.SQL('CREATE INDEX {} ON {} USING gin (source gin_trgm_ops)')
                   .format(sql.Identifier(index), table))
        index_s = now() - t
        t = now()
        db.execute(sql.SQL('ANALYZE {}').format(table))
        analyze_s = now() - t

        db.execute(sql.SQL('SET pg_trgm.similarity_threshold = {}').format(sql.Literal(a.threshold)))
        lookup = sql.SQL(LOOKUP).format(table=table)
        plan = [row[0] for row in db.execute(sql.SQL('EXPLAIN ') + lookup, (queries[0]['text'],) * 2 + (a.limit,))]
        lat = {'exact': [], 'fuzzy': []}
        answered = {'exact': 0, 'edited': 0, 'heldout': 0}
        origin_found = {'exact': 0, 'edited': 0}
        origin_top1 = {'exact': 0, 'edited': 0}
        with db.cursor() as cur:
            for q in queries:
                t = now()
                cur.execute(lookup, (q['text'], q['text'], a.limit), prepare=True)
                rows = cur.fetchall()
                lat['exact' if q['kind'] == 'exact' else 'fuzzy'].append((now() - t) * 1000)
                answered[q['kind']] = answered.get(q['kind'], 0) + bool(rows)
                if q.get('origin_text') and q['kind'] in origin_found:
                    sources = [r[0] for r in rows]
                    origin_found[q['kind']] += q['origin_text'] in sources
                    origin_top1[q['kind']] += bool(sources) and sources[0] == q['origin_text']

        one = lambda query, *params: db.execute(query, params).fetchone()[0]
        out = {'bench': 'pg-trgm', 'server': one('SHOW server_version'),
               'psycopg': psycopg.__version__, 'tmx': a.tmx, 'rows': len(pairs), 'read_s': round(read_s, 3),
               'load_s': round(load_s, 3), 'index_s': round(index_s, 3), 'analyze_s': round(analyze_s, 3),
               'load_index_s': round(load_s + index_s, 3), 'units_per_s_load_index': round(len(pairs) / (load_s + index_s)),
               'table_bytes': one('SELECT pg_table_size(%s::regclass)', a.table),
               'index_bytes': one('SELECT pg_relation_size(%s::regclass)', index),
               'settings': {k: one('SELECT current_setting(%s)', k)
                            for k in ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'pg_trgm.similarity_threshold')},
               'queries': len(queries), 'answered': answered,
               'origin_found': origin_found, 'origin_top1': origin_top1,
               'exact': summary(lat['exact']), 'fuzzy': summary(lat['fuzzy']),
               'all': summary(lat['exact'] + lat['fuzzy']),
               'uses_index': any('Bitmap Index Scan' in line or 'Index Scan' in line for line in plan),
               'query': f'SELECT source, target, similarity(source, $1) AS s FROM {a.table} '
                        f'WHERE source % $1 ORDER BY s DESC LIMIT {a.limit}'}
        if not a.keep:
            db.execute(sql.SQL('DROP TABLE {}').format(table))
    print(json.dumps(out))


if __name__ == '__main__':
    main()
