#!/usr/bin/env python3
"""Cold start: time from spawning `glossa serve` to its first 200 on /health, and to the first
answered lookup, on a given database (median of --runs; the page cache is warm after the first)."""
import argparse, http.client, json, os, signal, statistics, subprocess, sys, time
from urllib.parse import urlencode

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--glossa', required=True)
ap.add_argument('--db', required=True)
ap.add_argument('--port', type=int, default=18181)
ap.add_argument('--runs', type=int, default=3)
ap.add_argument('--query', default='Open the file')
a = ap.parse_args()


def get(path, timeout=2):
    conn = http.client.HTTPConnection('127.0.0.1', a.port, timeout=timeout)
    try:
        conn.request('GET', path)
        r = conn.getresponse()
        r.read()
        return r.status
    finally:
        conn.close()


health, lookup = [], []
lookup_path = '/v1/tm/lookup?' + urlencode({'q': a.query, 'source': 'en', 'target': 'ru'})
for _ in range(a.runs):
    t0 = time.perf_counter()
    p = subprocess.Popen([a.glossa, 'serve', '--db', a.db, '--port', str(a.port), '--no-samples', '--log-level', 'error'],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if p.poll() is not None:
                sys.exit(f'glossa serve exited with {p.returncode}')
            try:
                if get('/health') == 200:
                    break
            except OSError:
                time.sleep(0.002)
            if time.perf_counter() - t0 > 60:
                sys.exit('no answer in 60 s')
        health.append((time.perf_counter() - t0) * 1000)
        status = get(lookup_path, timeout=60)
        lookup.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            sys.exit(f'lookup answered {status}')
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(30)
print(json.dumps({'bench': 'cold-start', 'db': a.db, 'runs': a.runs,
                  'first_health_ms': round(statistics.median(health), 1),
                  'first_lookup_ms': round(statistics.median(lookup), 1),
                  'first_run_health_ms': round(health[0], 1), 'first_run_lookup_ms': round(lookup[0], 1)}))
