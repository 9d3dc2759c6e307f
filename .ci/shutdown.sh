#!/usr/bin/env bash
# Graceful shutdown of `glossa serve`: SIGTERM while an import is still uploading must let that
# import finish (201, units stored), refuse new connections, exit 0 within 2 s, and leave the
# database checkpointed (no -wal content). Then SIGINT on an idle server, the same. Bounded:
# every wait has a deadline.
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
port=18092
server=""
trap 'if [[ -n "$server" ]]; then kill -9 "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

swift build --product glossa >/dev/null
glossa="$(swift build --show-bin-path)/glossa"
token=shutdown-token-7f3a

fail() { echo "FAIL $1"; [[ -f "$work/server.log" ]] && cat "$work/server.log"; exit 1; }

start() {  # database
  (cd "$work" && GLOSSA_SAMPLES_DIR="$root" exec "$glossa" serve --db "$1" --port "$port" --token "$token") >"$work/server.log" 2>&1 &
  server=$!
  # A new database loads the samples first (the CLDR glossary among them): up to a minute.
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return; sleep 0.2; done
  fail "the server did not answer /health within 60 s"
}

send() {  # signal: sends it to the server and notes when
  signal=$1
  signalled=$(date +%s%N)
  kill "-$signal" "$server"
}

exits_cleanly_within() {  # seconds since the signal: the server must be gone with exit code 0
  local code=0
  while kill -0 "$server" 2>/dev/null; do
    (( $(date +%s%N) - signalled < $1 * 1000000000 )) || fail "still running $1 s after SIG$signal"
    sleep 0.05
  done
  wait "$server" || code=$?
  server=""
  [[ $code == 0 ]] || fail "exit code $code after SIG$signal"
  echo "ok   SIG$signal: exit 0 after $(( ($(date +%s%N) - signalled) / 1000000 )) ms"
}

wal_is_empty() {  # database
  # Empty or gone: after an explicit close GRDB closes a reader last, which leaves the truncated file behind.
  [[ ! -s "$1-wal" ]] || fail "$1-wal holds $(stat -c %s "$1-wal") bytes after exit"
  echo "ok   the write-ahead log is empty after exit ($(if [[ -e "$1-wal" ]]; then echo "0 bytes"; else echo "absent"; fi))"
}

# 1. SIGTERM with an import in flight: the client sends the headers and half of a TMX body, then
# the signal, then (once a new connection has been refused) the rest, and reads the answer.
db="$work/term.sqlite"
start "$db"
python3 - "$port" "$server" "$token" "$work" <<'PY' || fail "the in-flight import did not complete"
import json, os, signal, socket, sys, time
port, server, token, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
units = "".join(
    f'<tu><tuv xml:lang="en"><seg>Shutdown test sentence number {i} about the pipeline.</seg></tuv>'
    f'<tuv xml:lang="ru"><seg>Тестовое предложение номер {i} о трубопроводе.</seg></tuv></tu>\n' for i in range(300))
body = f'<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>\n{units}</body></tmx>\n'.encode()
head = (f"POST /v1/tm/import?origin=upload.tmx HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/xml\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
client = socket.create_connection(("127.0.0.1", port), timeout=10)
client.sendall(head + body[: len(body) // 2])
time.sleep(0.2)
open(f"{work}/signalled", "w").write(str(time.time_ns()))
os.kill(server, signal.SIGTERM)
deadline = time.monotonic() + 1
while True:  # the listener closes at once; a connection made before that is not what we test
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        print("ok   new connections refused after SIGTERM, the import still uploading")
        break
    if time.monotonic() > deadline:
        sys.exit("FAIL new connections were still accepted 1 s after SIGTERM")
    time.sleep(0.05)
client.sendall(body[len(body) // 2 :])
answer = b""
while chunk := client.recv(65536):
    answer += chunk
status = answer.split(b" ", 2)[1].decode()
report = json.loads(answer.split(b"\r\n\r\n", 1)[1])
if status != "201" or report.get("imported") != 300:
    sys.exit(f"FAIL the in-flight import answered {status}: {answer[:300]!r}")
print("ok   the in-flight import finished: 201, 300 units")
PY
signal=TERM
signalled=$(cat "$work/signalled")
exits_cleanly_within 2
wal_is_empty "$db"
stats=$("$glossa" stats --db "$db" --json)
grep -q '"units" : 391' <<<"$stats" || fail "the database does not hold 91 + 300 units after restart: $stats"
echo "ok   units stored: 391"
grep -q "database checkpointed and closed" "$work/server.log" || fail "no 'database checkpointed and closed' in the log"
! grep -q "$token" "$work/server.log" || fail "the token appears in the log"
echo "ok   the log holds no token"

# 2. SIGINT right after a request.
start "$db"
curl -fsS "http://127.0.0.1:$port/v1/stats" >/dev/null
send INT
exits_cleanly_within 2
wal_is_empty "$db"
echo "shutdown: 8 passed, 0 failed"
