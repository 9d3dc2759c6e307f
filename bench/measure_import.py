#!/usr/bin/env python3
"""`glossa import` of one file into a new database under /usr/bin/time -v: units/s (wall clock of
the whole process), peak RSS, database bytes per unit."""
import argparse, glob, json, os, re, subprocess, sys

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--glossa', required=True)
ap.add_argument('--db', required=True)
ap.add_argument('--name', required=True)
ap.add_argument('file')
a = ap.parse_args()
for old in glob.glob(a.db) + glob.glob(a.db + '-*'):
    os.remove(old)
p = subprocess.run(['/usr/bin/time', '-v', a.glossa, 'import', '--db', a.db, '--json', a.file],
                   capture_output=True, text=True)
if p.returncode != 0:
    sys.exit(f'glossa import failed: {p.stderr[-2000:]}')
report = json.loads(p.stdout)
report = (report['memories'] if isinstance(report, dict) else report)[0]  # older builds print a bare list


def field(name):
    return re.search(re.escape(name) + r': (.*)', p.stderr).group(1).strip()


h, m, s = (['0'] + field('Elapsed (wall clock) time (h:mm:ss or m:ss)').split(':'))[-3:]
wall = int(h) * 3600 + int(m) * 60 + float(s)
size = sum(os.path.getsize(f) for f in glob.glob(a.db) + glob.glob(a.db + '-wal'))
print(json.dumps({
    'bench': 'import', 'name': a.name, 'file': a.file, 'file_bytes': os.path.getsize(a.file),
    'units_read': report['unitsRead'], 'imported': report['imported'], 'duplicates': report['duplicates'],
    'rejected': report['rejectedCount'], 'wall_s': round(wall, 3), 'reported_s': round(report['seconds'], 3),
    'units_per_s': round(report['unitsRead'] / wall) if wall else None,
    'peak_rss_mib': round(int(field('Maximum resident set size (kbytes)')) / 1024, 1),
    'cpu_s': round(float(field('User time (seconds)')) + float(field('System time (seconds)')), 2),
    'db_bytes': size, 'db_bytes_per_unit': round(size / max(1, report['imported']), 1),
}))
