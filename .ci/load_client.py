#!/usr/bin/env python3
"""One lookup client for .ci/load.sh: GET /v1/tm/lookup in a loop on one keep-alive connection
until the stop file appears (or the time is up), then prints one JSON line: requests, failures by
kind, latency percentiles. A failure is any answer but 200, or a connection error.

usage: load_client.py PORT QUERIES_FILE STOP_FILE MAX_SECONDS SEED
"""
import http.client, json, os, random, sys, time
from urllib.parse import quote

port, queries_file, stop_file, max_seconds, seed = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
queries = [line.strip() for line in open(queries_file, encoding='utf-8') if line.strip()]
chooser = random.Random(seed)
latencies, failures = [], {}
connection = http.client.HTTPConnection('127.0.0.1', int(port), timeout=30)
started = time.monotonic()
while time.monotonic() - started < max_seconds and not os.path.exists(stop_file):
    path = '/v1/tm/lookup?source=en&target=ru&q=' + quote(chooser.choice(queries))
    began = time.monotonic()
    try:
        connection.request('GET', path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            kind = f'status {response.status}' + (' (SQLITE_BUSY)' if b'locked' in body or b'busy' in body else '')
            failures[kind] = failures.get(kind, 0) + 1
    except Exception as error:  # noqa: BLE001 - every error is a failed request
        failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1
        connection.close()
        connection = http.client.HTTPConnection('127.0.0.1', int(port), timeout=30)
        continue
    latencies.append((time.monotonic() - began) * 1000)
print(json.dumps({'requests': len(latencies) + sum(failures.values()), 'failures': failures,
                  'seconds': round(time.monotonic() - started, 2), 'latencies_ms': latencies}))
