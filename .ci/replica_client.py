#!/usr/bin/env python3
"""One client of .ci/replicas.sh: through the load balancer, GET /v1/tm/lookup and GET /v1/names in
turn, on one keep-alive connection, until the stop file appears (or the time is up); then one JSON
line: requests, failures (each with its request id, which HAProxy logs, so that the script can tell
which replica it was on), latencies. Every request carries `X-Request-Id: c<CLIENT>-<n>`.
A failure is an answer but 200, an answer that is not the JSON expected, or a connection error.

usage: replica_client.py PORT QUERIES_FILE STOP_FILE MAX_SECONDS CLIENT
QUERIES_FILE: JSON lines, one object {language: sentence} per line (en, ru and zh-CN).
"""
import http.client, json, os, random, sys, time
from urllib.parse import quote

port, queries_file, stop_file, max_seconds, client = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
queries = [json.loads(line) for line in open(queries_file, encoding='utf-8') if line.strip()]  # {language: text} per unit
names = ['Путин', 'putin', 'Pǔjīng', '普京', 'Xi Jinping', 'Си Цзиньпин', 'Beijing', 'Harbin', 'Хабаровск', 'Moscow']
chooser = random.Random(client)
latencies, failures, by_route = [], [], {'lookup': 0, 'names': 0}
connection = http.client.HTTPConnection('127.0.0.1', int(port), timeout=60)
started = time.monotonic()
n = 0
while time.monotonic() - started < max_seconds and not os.path.exists(stop_file):
    n += 1
    request_id = f'c{client}-{n}'
    if n % 2:
        route, key = 'lookup', 'matches'
        source, target = chooser.choice((('en', 'ru'), ('ru', 'en'), ('en', 'zh-CN')))
        text = chooser.choice(queries)[source]
        if chooser.random() < 0.5:  # a number makes it a unit of the imports: found once imported
            text += f' ({chooser.randrange(60000)})'
        path = f'/v1/tm/lookup?source={source}&target={target}&q={quote(text)}'
    else:
        route, key = 'names', 'results'
        path = f'/v1/names?to=en,ru,zh&q={quote(chooser.choice(names))}'
    by_route[route] += 1
    began = time.monotonic()
    try:
        connection.request('GET', path, headers={'X-Request-Id': request_id})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            failures.append({'id': request_id, 'route': route, 'kind': f'status {response.status}',
                             'detail': body[:200].decode('utf-8', 'replace'), 'at': time.time()})
            continue
        answer = json.loads(body)
        if not isinstance(answer, dict) or not isinstance(answer.get(key), list):
            failures.append({'id': request_id, 'route': route, 'kind': f'no "{key}" list in the answer', 'at': time.time()})
            continue
    except Exception as error:  # noqa: BLE001 - every error is a failed request
        failures.append({'id': request_id, 'route': route, 'kind': type(error).__name__, 'detail': str(error)[:200], 'at': time.time()})
        connection.close()
        connection = http.client.HTTPConnection('127.0.0.1', int(port), timeout=60)
        continue
    latencies.append((time.monotonic() - began) * 1000)
print(json.dumps({'client': client, 'requests': n, 'by_route': by_route, 'failures': failures,
                  'seconds': round(time.monotonic() - started, 2), 'latencies_ms': latencies}))
