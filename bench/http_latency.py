#!/usr/bin/env python3
"""Per-request latency over HTTP, one request at a time on one keep-alive connection (stdlib
http.client; its own overhead, some tens of microseconds, is included)."""
import argparse, http.client, json, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'peers'))
from common import now, summary

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--port', type=int, required=True)
ap.add_argument('--paths', required=True)
ap.add_argument('--n', type=int, default=1000)
a = ap.parse_args()
paths = [p.rstrip('\n') for p in open(a.paths)][:a.n]
conn = http.client.HTTPConnection('127.0.0.1', a.port)
ms, bad = [], 0
for path in paths:
    t = now()
    conn.request('GET', path)
    r = conn.getresponse()
    r.read()
    ms.append((now() - t) * 1000)
    bad += not 200 <= r.status < 300
print(json.dumps({'bench': 'http-latency', 'paths': a.paths, 'requests': len(paths), 'non_2xx': bad,
                  **summary(ms)}))
