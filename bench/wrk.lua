-- wrk script of the bench (bench/run.py sets these environment variables):
--   BENCH_METHOD, BENCH_BODY, BENCH_HEADERS ("Name: value" lines),
--   BENCH_BUST=1 to add a unique ?nocache=N to every request (no URL-keyed cache
--   can answer it),
--   BENCH_ROTATE_FILE: a file of "Name: value" lines, one per request: request k of
--   thread t (of BENCH_THREADS) sends line BENCH_ROTATE_OFFSET + t + k * BENCH_THREADS
--   (0-based), so no two requests of a run share a line (creating a booking needs a
--   new user each time); past the end of the file it wraps around.
-- done() prints one line "BENCH_JSON {...}" that bench/run.py reads; with rotation,
-- "next_rotation" is the first line no thread of this run has used (the threads
-- progress unevenly), where the next run starts.

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
local rotate_file = os.getenv("BENCH_ROTATE_FILE") or ""
local rotate_offset = tonumber(os.getenv("BENCH_ROTATE_OFFSET") or "0") or 0
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "1") or 1
local rotated = {}
counter = 0 -- a global: done() reads each thread's with thread:get
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if rotate_file ~= "" then
    for line in io.lines(rotate_file) do
      local name, value = string.match(line, "^([^:]+):%s*(.*)$")
      if name then
        table.insert(rotated, { name, value })
      end
    end
  end
end

-- The index (0-based) of the rotated line for this thread's request number k.
function rotation_index(offset, thread, k, count)
  return offset + (thread - 1) + k * count
end

local function path_for(number)
  if not bust then
    return wrk.path
  end
  local separator = "?"
  if string.find(wrk.path, "?", 1, true) then
    separator = "&"
  end
  -- thread_id is a global set by setup() in this thread's Lua state.
  return wrk.path .. separator .. "nocache=" .. (thread_id or 0) .. "-" .. number
end

if bust or rotate_file ~= "" then
  function request()
    local number = counter
    counter = counter + 1
    local headers = nil
    if #rotated > 0 then
      local index = rotation_index(rotate_offset, thread_id or 1, number, thread_count)
      local pair = rotated[(index % #rotated) + 1]
      headers = {}
      for name, value in pairs(wrk.headers) do
        headers[name] = value
      end
      headers[pair[1]] = pair[2]
    end
    return wrk.format(nil, path_for(number + 1), headers)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  -- request() may also have run for requests built but never sent: count them too.
  local next_rotation = rotate_offset
  for index, thread in ipairs(threads) do
    local made = thread:get("counter") or 0
    if made > 0 then
      local last = rotation_index(rotate_offset, index, made - 1, thread_count)
      next_rotation = math.max(next_rotation, last + 1)
    end
  end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"errors": %d, "bad_status": %d, "next_rotation": %d}\n',
    summary.requests,
    summary.duration,
    latency:percentile(50.0),
    latency:percentile(99.0),
    errors.connect + errors.read + errors.write + errors.timeout,
    errors.status,
    next_rotation
  ))
end
