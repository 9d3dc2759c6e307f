# Shared by .ci/replicas.sh and .ci/read_replica.sh (sourced): the psycopg client, timing, free
# ports, counted checks and the glossa binary ($GLOSSA_BIN, else built in $configuration).
python3 -c "import psycopg" 2>/dev/null || pip install -q "psycopg[binary]"
now() { date +%s.%N; }
since() { awk -v start="$1" -v end="${2:-$(now)}" 'BEGIN { printf "%.1f", end - start }'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
passed=0 failed=0
check() {  # description, then a command: counts and prints the outcome
  local description=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "  ok: $description"; else failed=$((failed + 1)); echo "  FAIL: $description"; fi
}

if [[ -n ${GLOSSA_BIN:-} ]]; then
  glossa=$GLOSSA_BIN
else
  swift build -c "$configuration" --product glossa >/dev/null
  glossa="$(swift build -c "$configuration" --show-bin-path)/glossa"
fi
