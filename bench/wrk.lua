-- wrk script of the bench (bench/run.py sets these environment variables):
--   BENCH_METHOD, BENCH_BODY, BENCH_HEADERS ("Name: value" lines),
--   BENCH_BUST=1 to add a unique ?nocache=N to every request (no URL-keyed cache
--   can answer it).
-- done() prints one line "BENCH_JSON {...}" that bench/run.py reads.

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
end
for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
  local name, value = string.match(line, "^([^:]+):%s*(.*)$")
  if name then
    wrk.headers[name] = value
  end
end

local bust = os.getenv("BENCH_BUST") == "1"
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

if bust then
  function request()
    counter = counter + 1
    local separator = "?"
    if string.find(wrk.path, "?", 1, true) then
      separator = "&"
    end
    -- thread_id is a global set by setup() in this thread's Lua state.
    local path = wrk.path .. separator .. "nocache=" .. (thread_id or 0) .. "-" .. counter
    return wrk.format(nil, path)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"errors": %d, "bad_status": %d}\n',
    summary.requests,
    summary.duration,
    latency:percentile(50.0),
    latency:percentile(99.0),
    errors.connect + errors.read + errors.write + errors.timeout,
    errors.status
  ))
end
