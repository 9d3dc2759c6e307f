#!/usr/bin/env python3
"""`glossa import` of one file into a new database under /usr/bin/time -v: units/s (wall clock of
the whole process), peak RSS, database bytes per unit. --db is an SQLite file (removed first);
--database a PostgreSQL URL of an empty database (the caller creates it), whose server's CPU time
is counted too when --pg-dir names the cluster's data folder."""
import argparse, glob, json, os, re, subprocess, sys
from proctime import cluster_seconds

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--glossa', required=True)
where = ap.add_mutually_exclusive_group(required=True)
where.add_argument('--db', help='an SQLite file')
where.add_argument('--database', help='postgres://USER@HOST:PORT/DB, an empty database')
ap.add_argument('--pg-dir', help="the PostgreSQL cluster's data folder (its server CPU time is reported)")
ap.add_argument('--name', required=True)
ap.add_argument('file')
a = ap.parse_args()
if a.db:
    for old in glob.glob(a.db) + glob.glob(a.db + '-*'):
        os.remove(old)
server_before = cluster_seconds(a.pg_dir) if a.pg_dir else None
p = subprocess.run(['/usr/bin/time', '-v', a.glossa, 'import', '--database', a.db or a.database, '--json', a.file],
                   capture_output=True, text=True)
server_cpu = round(cluster_seconds(a.pg_dir) - server_before, 2) if a.pg_dir else None
if p.returncode != 0:
    sys.exit(f'glossa import failed: {p.stderr[-2000:]}')
report = json.loads(p.stdout)
report = (report['memories'] if isinstance(report, dict) else report)[0]  # older builds print a bare list


def field(name):
    return re.search(re.escape(name) + r': (.*)', p.stderr).group(1).strip()


h, m, s = (['0'] + field('Elapsed (wall clock) time (h:mm:ss or m:ss)').split(':'))[-3:]
wall = int(h) * 3600 + int(m) * 60 + float(s)
if a.db:
    size = sum(os.path.getsize(f) for f in glob.glob(a.db) + glob.glob(a.db + '-wal'))
else:
    # The URL without ?schema=/?pool=, which psql would not take; the size is the whole database's.
    size = int(subprocess.run(['psql', '-XAtq', a.database.split('?')[0], '-c', 'SELECT pg_database_size(current_database())'],
                              capture_output=True, text=True, check=True).stdout)
print(json.dumps({
    'bench': 'import', 'engine': 'sqlite' if a.db else 'postgres', 'name': a.name, 'file': a.file, 'file_bytes': os.path.getsize(a.file),
    'units_read': report['unitsRead'], 'imported': report['imported'], 'duplicates': report['duplicates'],
    'rejected': report['rejectedCount'], 'wall_s': round(wall, 3), 'reported_s': round(report['seconds'], 3),
    'units_per_s': round(report['unitsRead'] / wall) if wall else None,
    'peak_rss_mib': round(int(field('Maximum resident set size (kbytes)')) / 1024, 1),
    'cpu_s': round(float(field('User time (seconds)')) + float(field('System time (seconds)')), 2),
    'server_cpu_s': server_cpu,
    'db_bytes': size, 'db_bytes_per_unit': round(size / max(1, report['imported']), 1),
}))
