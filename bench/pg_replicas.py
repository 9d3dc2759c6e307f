#!/usr/bin/env python3
"""HTTP lookups with 1, 2, 3... `glossa serve --database URL` replicas on one PostgreSQL: for each
count, the replicas are started on ports PORT, PORT+1, ..., `wrk` sends its requests over all of them
(one wrk thread per replica, bench/rotate.lua with WRK_PORTS) and the CPU time that the replicas and
the PostgreSQL cluster spent during the run is read from /proc. With one replica the same paths are
also sent one at a time (bench/http_latency.py). The per-request CPU times say how many replicas one
PostgreSQL would feed on machines of equal cores: the ratio of a replica's CPU time per request to
the database's, since each side saturates its own cores at cores / (CPU time per request)."""
import argparse, json, os, subprocess, sys, time, urllib.request
from proctime import cluster_seconds, processes_seconds

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument('--glossa', required=True)
ap.add_argument('--database', required=True, help='postgres://... holding the memory')
ap.add_argument('--pg-dir', required=True, help="the cluster's data folder (postmaster.pid)")
ap.add_argument('--paths', required=True, help='request paths (bench/http_paths.py)')
ap.add_argument('--replicas', default='1,2,3')
ap.add_argument('--port', type=int, default=18080)
ap.add_argument('--seconds', type=int, default=10)
ap.add_argument('--connections', type=int, default=16, help='in all, split evenly over the replicas')
ap.add_argument('--sequential', type=int, default=1000, help='requests one at a time (one replica)')
ap.add_argument('--log', default=os.devnull, help="the replicas' output")
a = ap.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
STARTUP_SECONDS = 60  # migrations are done already; a replica only connects and checks the schema


def healthy(port):
    try:
        with urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


def start(count, log):
    servers = []
    for i in range(count):
        servers.append(subprocess.Popen([a.glossa, 'serve', '--database', a.database, '--port', str(a.port + i),
                                         '--no-samples', '--log-level', 'error'], stdout=log, stderr=log))
    deadline = time.monotonic() + STARTUP_SECONDS
    for i, server in enumerate(servers):
        while not healthy(a.port + i):
            if server.poll() is not None or time.monotonic() > deadline:
                stop(servers)
                sys.exit(f'pg_replicas.py: replica {i} on port {a.port + i} did not come up (see {a.log})')
            time.sleep(0.1)
    return servers


def stop(servers):
    for server in servers:
        server.terminate()
    for server in servers:
        server.wait()


runs = []
with open(a.log, 'a') as log:
    for count in [int(n) for n in a.replicas.split(',')]:
        servers = start(count, log)
        try:
            # wrk gives each thread connections / threads: keep the total a multiple of the replicas.
            connections = a.connections // count * count
            ports = ','.join(str(a.port + i) for i in range(count))
            glossa_before, pg_before = processes_seconds(s.pid for s in servers), cluster_seconds(a.pg_dir)
            wrk = subprocess.run(['wrk', f'-t{count}', f'-c{connections}', f'-d{a.seconds}s', '-s', os.path.join(here, 'rotate.lua'),
                                  f'http://127.0.0.1:{a.port}'], env={**os.environ, 'WRK_PATHS': a.paths, 'WRK_PORTS': ports},
                                 capture_output=True, text=True, check=True)
            glossa_cpu = processes_seconds(s.pid for s in servers) - glossa_before
            pg_cpu = cluster_seconds(a.pg_dir) - pg_before
            figures = json.loads(next(line[len('WRKJSON '):] for line in wrk.stdout.splitlines() if line.startswith('WRKJSON ')))
            requests = max(1, figures['requests'])
            run = {'replicas': count, 'wrk_threads': count, 'connections': connections, **figures,
                   'glossa_cpu_s': round(glossa_cpu, 2), 'postgres_cpu_s': round(pg_cpu, 2),
                   'glossa_cpu_ms_per_request': round(glossa_cpu * 1000 / requests, 3),
                   'postgres_cpu_ms_per_request': round(pg_cpu * 1000 / requests, 3)}
            if count == 1:
                sequential = subprocess.run([sys.executable, os.path.join(here, 'http_latency.py'), '--port', str(a.port),
                                             '--paths', a.paths, '--n', str(a.sequential)], capture_output=True, text=True, check=True)
                run['sequential'] = json.loads(sequential.stdout)
            runs.append(run)
        finally:
            stop(servers)

# Per-request CPU times from the run with one replica: the others share the same 2 cores with wrk.
one = runs[0]
feeds = (one['glossa_cpu_ms_per_request'] / one['postgres_cpu_ms_per_request']
         if one['postgres_cpu_ms_per_request'] else None)
print(json.dumps({'bench': 'pg-replicas', 'cores': os.cpu_count(), 'seconds': a.seconds, 'paths': a.paths,
                  'runs': runs, 'replicas_fed_per_database_core_ratio': round(feeds, 1) if feeds else None,
                  'note': 'replicas, PostgreSQL and wrk share the same cores: these figures cannot show scaling'}))
