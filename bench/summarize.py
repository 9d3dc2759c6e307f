#!/usr/bin/env python3
"""Collects the JSON of each step (bench/run.sh's parts folder) with the machine and the versions
into results/<date>.json, and prints the Markdown tables of BENCHMARKS.md with the issue's targets."""
import argparse, datetime, glob, json, os, platform, re, subprocess


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def machine():
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), None)
    mem = next((int(l.split()[1]) for l in open('/proc/meminfo') if l.startswith('MemTotal')), 0)
    osname = next((l.split('=', 1)[1].strip().strip('"') for l in open('/etc/os-release') if l.startswith('PRETTY_NAME')), None)
    return {'cpu': cpu, 'cores': os.cpu_count(), 'memory_gib': round(mem / 1048576, 1),
            'kernel': platform.release(), 'os': osname}


def versions(parts, glossa):
    from importlib.metadata import PackageNotFoundError, version

    def pkg(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None
    dirty = sh('git', 'status', '--porcelain', '--untracked-files=no')
    return {'glossa_commit': (sh('git', 'rev-parse', '--short', 'HEAD') or '?') + ('+dirty' if dirty else ''),
            'swift': (sh('swift', '--version') or '').split('\n')[0], 'sqlite': sh('sqlite3', '--version'),
            'icu': parts.get('pyicu', {}).get('icu'), 'python': platform.python_version(),
            'translate-toolkit': pkg('translate-toolkit'), 'rapidfuzz': pkg('rapidfuzz'), 'PyICU': pkg('PyICU'),
            'wrk': (sh('wrk', '--version') or '').split(' [')[0] or None,
            'glossa_binary': glossa}


def g(d, *path, default=None):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return default
        d = d[p]
    return d


def fmt(x, digits=2):
    if x is None:
        return '–'
    if isinstance(x, float):
        if abs(x) < 1:
            return f'{x:.3g}'
        return f'{x:,.{digits}f}' if abs(x) < 1000 else f'{x:,.0f}'
    return f'{x:,}' if isinstance(x, int) else str(x)


def ratio(a, b):
    return round(a / b, 1) if a and b else None


def table(head, rows):
    out = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    out += ['| ' + ' | '.join(fmt(c) for c in r) + ' |' for r in rows]
    return '\n'.join(out)


def markdown(r):
    p = r['parts']
    lines = [f"## Run of {r['date']}{' (BENCH_QUICK: tiny data, figures not comparable)' if r['quick'] else ''}",
             '', f"Machine: {r['machine']['cpu']}, {r['machine']['cores']} cores, {r['machine']['memory_gib']} GiB, "
             f"{r['machine']['os']}, kernel {r['machine']['kernel']}. Run took {r['seconds']} s.", '',
             'Versions: ' + ', '.join(f'{k} {v}' for k, v in r['versions'].items() if k != 'glossa_binary'), '']

    imports = [v for k, v in sorted(p.items()) if k.startswith('import-')]
    lines += ['### Import (`glossa import` into a new on-disk database, whole process)', '',
              table(['file', 'units', 'seconds', 'units/s', 'peak RSS MiB', 'DB bytes/unit'],
                    [[i['name'], i['units_read'], i['wall_s'], i['units_per_s'], i['peak_rss_mib'], i['db_bytes_per_unit']]
                     for i in imports]), '']
    t, f = p.get('ttk', {}), p.get('sqlite-floor', {})
    # translate-toolkit loads `real` (the memory of the lookups); the floors read the real file itself.
    real_import = p.get('import-real', {})
    file_import = next((v for k, v in p.items() if k.startswith('import-') and v.get('file') == f.get('tmx')), {})
    floor = (f.get('xmllint_stream_s') or 0) + (g(f, 'fts5_unicode61', 'seconds') or 0)
    lines += ['Peers on the same file:', '',
              table(['what', 'seconds', 'RSS MiB'],
                    [['translate-toolkit: parse the TMX', t.get('parse_s'), t.get('rss_after_parse_mib')],
                     ['translate-toolkit: parse + build its matcher', t.get('load_total_s'), t.get('peak_rss_mib')],
                     ['xmllint --stream', f.get('xmllint_stream_s'), None],
                     ['SQLite bare inserts, plain table', g(f, 'plain', 'seconds'), None],
                     ['SQLite bare inserts, FTS5 unicode61', g(f, 'fts5_unicode61', 'seconds'), None],
                     ['SQLite bare inserts, FTS5 trigram', g(f, 'fts5_trigram', 'seconds'), None]]), '',
              f"Glossa imports `real` {fmt(ratio(t.get('load_total_s'), real_import.get('wall_s')))}× faster than "
              f"translate-toolkit loads it into its matcher (target ≥ 7×); its import of {file_import.get('name')} takes "
              f"{fmt(ratio(file_import.get('wall_s'), floor))}× the sequential floor, xmllint --stream + FTS5 unicode61 "
              f"inserts = {fmt(floor)} s (target ≤ 1.4×).", '']

    lookups = [(k[len('lookup-'):], v) for k, v in p.items() if k.startswith('lookup-')]
    lookups.sort(key=lambda kv: (kv[0] != 'real', int(re.sub(r'\D', '', kv[0]) or 0)))
    units = {k[len('import-'):]: v.get('imported') for k, v in p.items() if k.startswith('import-')}
    lines += ['### Lookup in process (`glossa-bench lookup`, min 70, limit 5; ms)', '',
              table(['memory', 'units', 'exact p50', 'exact p90', 'exact p99', 'fuzzy p50', 'fuzzy p90', 'fuzzy p99',
                     'queries/s (batch)', 'first call'],
                    [[name, units.get(name), g(v, 'exact', 'median_ms'), g(v, 'exact', 'p90_ms'), g(v, 'exact', 'p99_ms'),
                      g(v, 'fuzzy', 'median_ms'), g(v, 'fuzzy', 'p90_ms'), g(v, 'fuzzy', 'p99_ms'),
                      v.get('batch_queries_per_s'), v.get('first_call_ms')] for name, v in lookups]), '']
    exact_only = p.get('exact-only-real', {})
    lines += [f"Exact lookups (min 100: the fold-key index alone) on `real`, queries whose text is in the memory: "
              f"p50 {g(exact_only, 'exact', 'median_ms')} ms, p90 {g(exact_only, 'exact', 'p90_ms')} ms, "
              f"p99 {g(exact_only, 'exact', 'p99_ms')} ms (target: median ≤ 0.2 ms). With min 70 (the table) an exact "
              f"query also searches for fuzzy matches to fill its limit of 5.", '']
    rf, real = p.get('rapidfuzz', {}), p.get('lookup-real', {})
    gm = g(real, 'fuzzy', 'median_ms')
    lines += ['Peers on the same memory and queries (fuzzy queries; ms):', '',
              table(['peer', 'queries', 'p50', 'p90', 'p99', 'Glossa faster by (p50, ×)'],
                    [['translate-toolkit matcher', g(t, 'fuzzy', 'n'), g(t, 'fuzzy', 'median_ms'), g(t, 'fuzzy', 'p90_ms'),
                      g(t, 'fuzzy', 'p99_ms'), ratio(g(t, 'fuzzy', 'median_ms'), gm)],
                     ['rapidfuzz exhaustive scan', g(rf, 'fuzzy', 'n'), g(rf, 'fuzzy', 'median_ms'), g(rf, 'fuzzy', 'p90_ms'),
                      g(rf, 'fuzzy', 'p99_ms'), ratio(g(rf, 'fuzzy', 'median_ms'), gm)]]), '',
              f"Targets: ≥ 150× translate-toolkit, ≥ 35× rapidfuzz. rapidfuzz and translate-toolkit agree on the top "
              f"result for {g(rf, 'ttk_top1_agreement', 'same')} of {g(rf, 'ttk_top1_agreement', 'compared')} queries.", '']
    recalls = sorted(((k[len('recall-'):], v) for k, v in p.items() if k.startswith('recall-')),
                     key=lambda kv: (kv[0] != 'real', int(re.sub(r'\D', '', kv[0]) or 0)))
    lines += ['### Recall of fuzzy lookups against an exhaustive scan (same MatchScore, min 70, top 50)', '',
              table(['memory', 'queries', 'with matches', 'expected', 'found', 'recall', 'top-1 score agrees', 'score mismatches',
                     'exhaustive scan s'],
                    [[name, rc.get('queries'), rc.get('queries_with_exhaustive_matches'), rc.get('expected'), rc.get('found'),
                      rc.get('recall'), rc.get('top1_score_agreement'), rc.get('returned_score_mismatches'),
                      g(rc, 'exhaustive_scan', 'wall_seconds')] for name, rc in recalls]), '']
    lines += scale_markdown(p)

    # Ratios of one run, so the machine's noise cancels: /v1/names and the static route as a share of
    # /health, /v1/tm/lookup over the in-process single-thread queries/s on the same queries.
    health, in_process = g(p, 'wrk-health', 'requests_per_s'), g(p, 'lookup-real', 'queries_per_s')

    def share(e):
        rate = g(p, f'wrk-{e}', 'requests_per_s')
        if e == 'lookup':
            return f'{ratio(rate, in_process)}× in process' if rate and in_process else '–'
        if e in ('tmserver', 'tmserver-tagged'):
            lookup = g(p, 'wrk-lookup', 'requests_per_s')
            return f'{ratio(rate, lookup)}× /v1/tm/lookup' if rate and lookup else '–'
        return f'{ratio(100 * rate, health)} % of /health' if rate and health and e != 'health' else '–'
    endpoints = {'health': '/health', 'schemes': '/v1/translit/schemes (static JSON)', 'names': '/v1/names', 'lookup': '/v1/tm/lookup',
                 'tmserver': '/tmserver/en/ru/unit/… (the same lookups)',
                 'tmserver-tagged': '/tmserver/…/unit/[X0X]… (a tag token before each)'}
    lines += ['### HTTP on the real memory (wrk -t1 -c16: one thread, the machine has 2 cores)', '',
              table(['endpoint', 'requests/s', 'ratio', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'socket errors',
                     'sequential p50', 'sequential p90', 'sequential p99'],
                    [[endpoints[e], g(p, f'wrk-{e}', 'requests_per_s'), share(e), g(p, f'wrk-{e}', 'p50_ms'), g(p, f'wrk-{e}', 'p90_ms'),
                      g(p, f'wrk-{e}', 'p99_ms'), g(p, f'wrk-{e}', 'non_2xx_3xx'),
                      sum(g(p, f'wrk-{e}', k, default=0) for k in ('errors_connect', 'errors_read', 'errors_write', 'errors_timeout')),
                      g(p, f'http-{e}', 'median_ms'), g(p, f'http-{e}', 'p90_ms'), g(p, f'http-{e}', 'p99_ms')]
                     for e in endpoints]), '',
              'Targets: /v1/names ≥ 60 % of /health, /v1/tm/lookup ≥ 1.5× the in-process single-thread queries/s '
              f'({fmt(in_process)}/s), p99 ≤ 10 ms for names and ≤ 30 ms for lookups, no errors.', '']

    pt = p.get('pretranslate', {})
    if pt:
        rep = pt.get('report', {})
        lines += ['### Pre-translation (glossa pretranslate, XLIFF 1.2 of the lookup queries, on the lookups\' memory)', '',
                  table(['segments', 'seconds', 'segments/s', 'of in-process lookups/s', 'peak RSS MiB', 'filled exact',
                         'filled fuzzy', 'candidates only', 'untouched', 'input MB'],
                        [[pt.get('segments'), pt.get('seconds'), pt.get('segments_per_s'),
                          f"{ratio(pt.get('segments_per_s'), in_process)}×" if in_process else '–', pt.get('peak_rss_mib'),
                          rep.get('filledExact'), rep.get('filledFuzzy'), rep.get('candidatesOnly'), rep.get('untouched'),
                          fmt((pt.get('input_bytes') or 0) / 1e6)]]), '']

    n, icu = p.get('names', {}), g(p, 'pyicu', 'schemes', default={})
    lines += ['### Names (transliterations/s; first call creates the transliterator)', '',
              table(['scheme', 'Glossa names/s', 'Glossa raw ICU names/s', 'PyICU names/s', 'raw / PyICU',
                     'Glossa first call ms', 'PyICU create ms'],
                    [[s, v.get('names_per_s'), v.get('icu_raw_names_per_s'), g(icu, s, 'names_per_s'),
                      ratio(v.get('icu_raw_names_per_s'), g(icu, s, 'names_per_s')), v.get('first_call_ms'),
                      g(icu, s, 'create_ms')] for s, v in g(n, 'transliteration', default={}).items()]), '',
              f"Name searches (Glossary.names, as /v1/names): {fmt(g(n, 'name_lookup', 'lookups_per_s'))}/s, "
              f"p50 {fmt(g(n, 'name_lookup', 'median_ms'))} ms, p99 {fmt(g(n, 'name_lookup', 'p99_ms'))} ms. "
              'Target: Glossa within 10% of PyICU (raw / PyICU ≥ 0.9).', '']
    ns = p.get('name-search', {})
    if ns:
        health = g(ns, 'wrk', 'health', 'requests_per_s')
        rows = []
        for kind in ('hit', 'inflected', 'similar', 'transliteration'):
            k = g(ns, 'in_process', 'kinds', kind, default={})
            w = g(ns, 'wrk', kind, default={})
            answers = ', '.join(f'{a} {n}' for a, n in sorted(k.get('answers', {}).items(), key=lambda x: -x[1]))
            rows.append([kind, k.get('n'), fmt(k.get('median_ms'), 3), fmt(k.get('p99_ms'), 3), answers,
                         fmt(w.get('requests_per_s')), fmt(w.get('p99_ms')), ratio(w.get('requests_per_s'), health)])
        lines += ['### Name search by kind of query', '',
                  f"{ns.get('concepts_total')} concepts: the shipped glossaries ({ns.get('shipped_concepts')}) and generated "
                  f"persons. First start of `glossa serve` on a new database (samples and all glossaries loaded) to the "
                  f"first /health answer: {fmt(ns.get('first_start_to_health_s'))} s (target < 5 s); `glossa import "
                  f"glossary/*.tbx`: {fmt(ns.get('import_shipped_glossaries_s'))} s; the generated concepts: "
                  f"{fmt(ns.get('import_synthetic_concepts_s'))} s.", '',
                  table(['query kind', 'queries × passes', 'in process p50 ms', 'p99 ms', 'answered as', 'HTTP req/s (wrk -c16)',
                         'HTTP p99 ms', 'of /health'], rows), '',
                  f"/health in the same run: {fmt(health)} req/s. Targets: in-process p50 < 0.2 ms for a glossary hit, "
                  "< 1 ms for a transliteration fallback.", '']
    lines += postgres_markdown(p)
    c = p.get('coldstart', {})
    lines += ['### Cold start', '',
              f"`glossa serve` on {c.get('db', '?').rsplit('/', 1)[-1]}: first 200 from /health after "
              f"{fmt(c.get('first_health_ms'))} ms, first lookup answered after {fmt(c.get('first_lookup_ms'))} ms "
              f"(median of {c.get('runs')}; target ≤ 500 ms).", '']
    return '\n'.join(lines)


LARGEST = 10_000_000


def scale_markdown(p):
    """The targets of the largest synthetic memory (issue 15), when the run had BENCH_SIZES with 10M."""
    name = f'synth-{LARGEST}'
    imp, lookup, rc, cold = p.get(f'import-{name}'), p.get(f'lookup-{name}', {}), p.get(f'recall-{name}', {}), p.get('coldstart', {})
    if not imp:
        return []

    def met(ok):
        return '–' if ok is None else ('yes' if ok else '**no**')

    def at_most(x, bound):
        return None if x is None else x <= bound

    p50, p99 = g(lookup, 'fuzzy', 'median_ms'), g(lookup, 'fuzzy', 'p99_ms')
    cold_ms = cold.get('first_lookup_ms') if name in cold.get('db', '') else None
    rows = [['import ≤ 5 minutes', f"{fmt(imp.get('wall_s'))} s ({fmt(imp.get('units_per_s'))} units/s)", met(at_most(imp.get('wall_s'), 300))],
            ['import peak RSS < 300 MB', f"{fmt(imp.get('peak_rss_mib'))} MiB", met(None if imp.get('peak_rss_mib') is None
                                                                               else imp['peak_rss_mib'] * 1048576 < 300e6)],
            ['database bytes per unit (reported)', f"{fmt(imp.get('db_bytes_per_unit'))} ({fmt(imp.get('db_bytes'))} bytes)", '–'],
            ['fuzzy p50 ≤ 3 ms, p99 ≤ 30 ms in process', f'{fmt(p50)} ms, {fmt(p99)} ms',
             met(None if p50 is None or p99 is None else p50 <= 3 and p99 <= 30)],
            [f"recall ≥ 99 % on {rc.get('queries', '?')} queries (exhaustive scan)", fmt(rc.get('recall')),
             met(None if rc.get('recall') is None else rc['recall'] >= 0.99)],
            ['cold start to the first lookup ≤ 0.5 s (`glossa serve`, median of runs)', f'{fmt(cold_ms)} ms', met(at_most(cold_ms, 500))]]
    return ['### Ten million units (synth 10M)', '', table(['target', 'measured', 'met'], rows), '']


def postgres_markdown(p):
    """The PostgreSQL engine next to SQLite and pg_trgm (issue 13), when the run had BENCH_POSTGRES."""
    if not any(k.startswith('pg-') for k in p):
        return []
    lines = ['### PostgreSQL engine (a throw-away PostgreSQL 15 cluster, its default settings, on the same machine)', '']
    rows = []
    for key in sorted(k for k in p if k.startswith('pg-import-')):
        pg = p[key]
        lite = p.get(key[len('pg-'):], {})
        rows.append([pg.get('name'), pg.get('units_read'), lite.get('wall_s'), lite.get('units_per_s'), pg.get('wall_s'),
                     pg.get('units_per_s'), pg.get('cpu_s'), pg.get('server_cpu_s'), pg.get('db_bytes_per_unit'),
                     ratio(pg.get('wall_s'), lite.get('wall_s'))])
    lines += ['Import (`glossa import --database`, whole process, into a new database):', '',
              table(['file', 'units', 'SQLite s', 'SQLite units/s', 'PostgreSQL s', 'PostgreSQL units/s', 'glossa CPU s',
                     'PostgreSQL server CPU s', 'PostgreSQL DB bytes/unit', 'PostgreSQL / SQLite time'], rows), '',
              'Target: PostgreSQL within 2× of SQLite.', '']
    lite, pg, trgm = p.get('lookup-real', {}), p.get('pg-lookup-real', {}), p.get('pg-trgm', {})

    def lookup_row(name, v, rate):
        return [name, g(v, 'exact', 'median_ms'), g(v, 'exact', 'p99_ms'), g(v, 'fuzzy', 'median_ms'), g(v, 'fuzzy', 'p90_ms'),
                g(v, 'fuzzy', 'p99_ms'), rate]
    lines += ['Lookups on `real`, in process (min 70, limit 5; ms):', '',
              table(['engine', 'exact p50', 'exact p99', 'fuzzy p50', 'fuzzy p90', 'fuzzy p99', 'queries/s (batch)'],
                    [lookup_row('Glossa on SQLite', lite, lite.get('batch_queries_per_s')),
                     lookup_row('Glossa on PostgreSQL', pg, pg.get('batch_queries_per_s')),
                     lookup_row(f"pg_trgm (`similarity` ≥ {g(trgm, 'settings', 'pg_trgm.similarity_threshold')}, GIN index, "
                                'one prepared query at a time)', trgm, None)]), '',
              f"Exact lookups proper (min 100) on PostgreSQL: p50 {g(p, 'pg-exact-only-real', 'exact', 'median_ms')} ms, "
              f"p99 {g(p, 'pg-exact-only-real', 'exact', 'p99_ms')} ms. pg_trgm loads and indexes the memory in "
              f"{fmt(trgm.get('load_index_s'))} s. Targets: Glossa on PostgreSQL fuzzy p50 ≤ 2 ms, p99 ≤ 20 ms.", '']
    rows = []
    for name, key in (('SQLite', 'recall-real'), ('PostgreSQL', 'pg-recall-real')):
        rc = p.get(key, {})
        rows.append([name, rc.get('queries'), rc.get('expected'), rc.get('found'), rc.get('recall'), rc.get('top1_score_agreement'),
                     rc.get('returned_score_mismatches')])
    lines += ['Recall against the exhaustive scan (min 70, top 50):', '',
              table(['engine', 'queries', 'expected', 'found', 'recall', 'top-1 score agrees', 'score mismatches'], rows), '']
    rp = p.get('pg-replicas', {})
    rows = [[r['replicas'], r['connections'], r['requests_per_s'], r['p50_ms'], r['p90_ms'], r['p99_ms'],
             r['non_2xx_3xx'] + sum(r[k] for k in ('errors_connect', 'errors_read', 'errors_write', 'errors_timeout')),
             r['glossa_cpu_ms_per_request'], r['postgres_cpu_ms_per_request']] for r in rp.get('runs', [])]
    seq = next((r['sequential'] for r in rp.get('runs', []) if 'sequential' in r), {})
    lines += ['HTTP /v1/tm/lookup on PostgreSQL (wrk, one thread per replica, connections split over them; '
              'replicas, PostgreSQL and wrk share the machine\'s cores, so this cannot show scaling):', '',
              table(['replicas', 'connections', 'requests/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors and non-2xx',
                     'glossa CPU ms/request', 'PostgreSQL CPU ms/request'], rows), '',
              f"One request at a time on one replica: p50 {g(seq, 'median_ms')} ms, p99 {g(seq, 'p99_ms')} ms. "
              f"A replica spends {fmt(rp.get('replicas_fed_per_database_core_ratio'))}× the CPU time per request that PostgreSQL "
              'does: on machines of equal cores, one PostgreSQL would feed about that many replicas before its CPU saturates.', '']
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--parts', required=True)
    ap.add_argument('--results', required=True)
    ap.add_argument('--quick', default='0')
    ap.add_argument('--glossa')
    ap.add_argument('--seconds', type=int)
    a = ap.parse_args()
    parts = {}
    for path in sorted(glob.glob(os.path.join(a.parts, '*.json'))):
        text = open(path, encoding='utf-8').read().strip()
        parts[os.path.basename(path)[:-5]] = json.loads(text) if text else {'error': 'empty'}
    now = datetime.datetime.now(datetime.timezone.utc)
    r = {'date': now.strftime('%Y-%m-%d %H:%M UTC'), 'quick': a.quick == '1', 'seconds': a.seconds,
         'machine': machine(), 'versions': versions(parts, a.glossa), 'parts': parts}
    path = os.path.join(a.results, now.strftime('%Y-%m-%d') + ('-quick' if r['quick'] else '') + '.json')
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(r, f, indent=1, ensure_ascii=False)
    print(markdown(r))
    print(f'\n(results: {path})')


if __name__ == '__main__':
    main()
