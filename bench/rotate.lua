-- wrk script: GETs the paths of the file $WRK_PATHS in turn (one per line, URL-encoded), and
-- prints the figures as one JSON line prefixed WRKJSON (bench/run.sh picks it up).
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_s":%.3f,"requests_per_s":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"non_2xx_3xx":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_timeout":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end

-- $WRK_PORTS (comma-separated, bench/pg_replicas.py): thread i sends to the i-th port of the list,
-- so one wrk spreads its load over several servers on this host.
local ports = os.getenv("WRK_PORTS")
if ports then
  local list, thread_count = {}, 0
  for port in ports:gmatch("%d+") do list[#list + 1] = port end
  setup = function(thread)
    thread_count = thread_count + 1
    thread.addr = wrk.lookup("127.0.0.1", list[(thread_count - 1) % #list + 1])[1]
  end
end
