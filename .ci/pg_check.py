#!/usr/bin/env python3
"""Checks a Glossa PostgreSQL database after the replica tests (.ci/replicas.sh, .ci/read_replica.sh)
and prints one JSON object of figures; exits 1 with the problems on standard error if any.

- every unit has two segments at least; the numbered units (tuid rN, .ci/replica_tmx.py) are each
  stored once, and with --expect-range FIRST LAST exactly those numbers are there;
- import_log: every row adds up (imported + duplicates + rejected = units read), and the units of
  each origin are exactly what that origin's rows imported, so no import left a part of its file
  without its row (--absent-origin NAME: an origin whose import was killed must have no unit and
  no row);
- the term index (Sources/GlossaStore/TermIndex.swift, PostingAccumulator.swift): every segment's
  `tokens` blob (LEB128 varints, id << 1 | isPunctuation) names vocabulary entries of its language
  group, and its word count is its number of word tokens; each posting block decodes to
  segment_count entries (varint triples: id delta, words, punctuation) in ascending id order;
  every word of every segment has exactly one posting of that segment, with the segment's word
  and punctuation counts; no posting names a missing segment or a punctuation token; and a
  token's sum(segment_count) equals the number of segments holding it as a word.

usage: pg_check.py URL [--expect-range FIRST LAST] [--absent-origin NAME]...
"""
import argparse, collections, json, sys

import psycopg


def varints(data: bytes):
    value = shift = 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            yield value
            value = shift = 0
        else:
            shift += 7
    if shift:
        raise ValueError("truncated varint")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--expect-range", nargs=2, type=int)
    ap.add_argument("--absent-origin", action="append", default=[])
    a = ap.parse_args()
    problems = []
    problem = lambda text: problems.append(text) if len(problems) < 50 else None
    figures = {}
    with psycopg.connect(a.url, autocommit=False) as connection:
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")  # one snapshot
        q = lambda sql, *args: connection.execute(sql, args).fetchall()
        figures["units"] = q("SELECT count(*) FROM unit")[0][0]
        figures["segments"] = q("SELECT count(*) FROM segment")[0][0]
        short = q("SELECT count(*) FROM unit u WHERE (SELECT count(*) FROM segment s WHERE s.unit_id = u.id) < 2")[0][0]
        if short:
            problem(f"{short} units have fewer than two segments")
        numbered = q(r"SELECT substr(tuid, 2)::bigint FROM unit WHERE tuid ~ '^r\d+$'")
        numbers = collections.Counter(n for (n,) in numbered)
        twice = [n for n, c in numbers.items() if c > 1]
        if twice:
            problem(f"{len(twice)} numbered units stored more than once, e.g. r{sorted(twice)[:5]}")
        figures["numbered_units"] = len(numbered)
        if a.expect_range:
            expected = set(range(*a.expect_range))
            missing, extra = expected - numbers.keys(), numbers.keys() - expected
            if missing:
                problem(f"{len(missing)} units of r{a.expect_range[0]}..r{a.expect_range[1] - 1} missing, e.g. {sorted(missing)[:5]}")
            if extra:
                problem(f"{len(extra)} numbered units outside the range, e.g. {sorted(extra)[:5]}")

        log = q("SELECT origin, units_read, imported, duplicates, rejected FROM import_log ORDER BY id")
        figures["import_log"] = [dict(zip(("origin", "read", "imported", "duplicates", "rejected"), row)) for row in log]
        imported_by_origin = collections.Counter()
        for origin, read, imported, duplicates, rejected in log:
            imported_by_origin[origin] += imported
            if imported + duplicates + rejected != read:
                problem(f"import_log {origin}: {imported} + {duplicates} + {rejected} != {read} units read")
        units_by_origin = dict(q("SELECT origin, count(*) FROM unit GROUP BY origin"))
        for origin in set(units_by_origin) | set(imported_by_origin):
            if units_by_origin.get(origin, 0) != imported_by_origin.get(origin, 0):
                problem(f"origin {origin}: {units_by_origin.get(origin, 0)} units stored, its import_log rows imported "
                        f"{imported_by_origin.get(origin, 0)} (part of a file without its log row?)")
        for origin in a.absent_origin:
            rows = sum(1 for row in log if row[0] == origin)
            if rows or units_by_origin.get(origin):
                problem(f"the killed import {origin} left {rows} import_log rows and {units_by_origin.get(origin, 0)} units")

        # The term index.
        groups = dict(q("SELECT id, language_group FROM token"))
        figures["tokens"] = len(groups)
        holders = collections.defaultdict(set)      # word id -> segments holding it (from the segments)
        shapes = {}                                 # segment id -> (words, punctuation)
        with connection.cursor(name="segments") as cursor:
            cursor.itersize = 20000
            cursor.execute("SELECT id, language_group, word_count, tokens FROM segment")
            for segment, group, word_count, blob in cursor:
                words = punctuation = 0
                for value in varints(bytes(blob)):
                    token, is_punctuation = value >> 1, value & 1
                    if groups.get(token) != group:
                        problem(f"segment {segment} ({group}) names token {token} of group {groups.get(token)}")
                    if is_punctuation:
                        punctuation += 1
                    else:
                        words += 1
                        holders[token].add(segment)
                if words != word_count:
                    problem(f"segment {segment}: word_count {word_count}, its tokens hold {words} words")
                shapes[segment] = (words, punctuation)
        postings = 0
        counted = collections.Counter()             # token -> sum(segment_count)
        seen = collections.defaultdict(set)         # token -> segments in its posting blocks
        with connection.cursor(name="postings") as cursor:
            cursor.itersize = 20000
            cursor.execute("SELECT id, token_id, segment_count, segments FROM posting")
            for block, token, segment_count, blob in cursor:
                counted[token] += segment_count
                values = list(varints(bytes(blob)))
                if len(values) % 3 or len(values) // 3 != segment_count:
                    problem(f"posting block {block} of token {token}: segment_count {segment_count}, {len(values) / 3} entries")
                if token not in groups:
                    problem(f"posting block {block} names token {token}, not in the vocabulary")
                segment = 0
                for delta, words, punctuation in zip(values[0::3], values[1::3], values[2::3]):
                    if delta == 0 and segment:
                        problem(f"posting block {block} of token {token}: segment {segment} twice or out of order")
                    segment += delta
                    postings += 1
                    if segment not in shapes:
                        problem(f"posting block {block} of token {token} names segment {segment}, which does not exist")
                    elif shapes[segment] != (words, punctuation):
                        problem(f"posting of segment {segment} in block {block}: {words} words, {punctuation} punctuation; "
                                f"the segment has {shapes[segment]}")
                    if segment in seen[token]:
                        problem(f"token {token} has segment {segment} in two posting entries")
                    seen[token].add(segment)
        figures["posting_entries"] = postings
        for token in set(holders) | set(seen):
            if holders.get(token, set()) != seen.get(token, set()):
                lacking = holders.get(token, set()) - seen.get(token, set())
                stray = seen.get(token, set()) - holders.get(token, set())
                problem(f"token {token}: {len(lacking)} segments hold it without a posting (e.g. {sorted(lacking)[:3]}), "
                        f"{len(stray)} postings of segments that lack it (e.g. {sorted(stray)[:3]})")
            if counted.get(token, 0) != len(holders.get(token, ())):
                problem(f"token {token}: sum(segment_count) {counted.get(token, 0)}, {len(holders.get(token, ()))} segments hold it")
        for token, total in counted.items():
            if token not in holders and total:
                pass  # reported above through `seen`
    figures["problems"] = len(problems)
    print(json.dumps(figures))
    for text in problems:
        print(f"  index/unit check: {text}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
