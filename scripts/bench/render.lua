-- wrk script for `make bench` (scripts/bench/run.py sets the environment):
--   BENCH_PATH      the path to POST to (/graphql, or the simulator's /api/now/v1/batch)
--   BENCH_BODY      a file with the request body
--   BENCH_TOKENS    a file with one bearer token per line; requests rotate through them (one user each)
--   BENCH_ERRORS    "|"-separated markers that make a 200 response a failed render ('"errors"' for GraphQL)
--   BENCH_DELAY_MS  optional: each connection waits a random 0..2x this many ms before each request (an open,
--                   fixed-rate load); without it every connection sends its next request at once (closed loop)
-- It prints one line `BENCH_JSON {...}` with the counts and latency percentiles (microseconds), and the percentiles of
-- the gateway's own share of each answer's time as its `Server-Timing: ..., gateway;dur=MS` header gives it
-- (milliseconds; -1 when no answer had one, e.g. straight at the simulator).

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

local function split(text, separator)
  local parts = {}
  for part in string.gmatch(text, "([^" .. separator .. "]+)") do
    table.insert(parts, part)
  end
  return parts
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if #line > 0 then table.insert(tokens, line) end
  end
  local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
  body = file:read("*a")
  file:close()
  path = os.getenv("BENCH_PATH")
  markers = split(os.getenv("BENCH_ERRORS") or '"errors"', "|")
  -- Threads start at different users, so that concurrent connections are different users.
  counter = (thread_index or 0) * math.floor(#tokens / 2)
  math.randomseed(os.time() + (thread_index or 0))
  ok = 0
  failed = 0
  bad_status = 0
  own = {}
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }, body)
end

function response(status, headers, response_body)
  local timing = headers["Server-Timing"] or headers["server-timing"]
  if timing then
    local gateway = string.match(timing, "gateway;dur=([%d%.]+)")
    if gateway then own[#own + 1] = tonumber(gateway) end
  end
  if status ~= 200 then
    bad_status = bad_status + 1
    return
  end
  for _, marker in ipairs(markers) do
    if string.find(response_body, marker, 1, true) then
      failed = failed + 1
      return
    end
  end
  ok = ok + 1
end

local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if delay_ms and delay_ms > 0 then
  function delay()
    return math.random(0, 2 * delay_ms)
  end
end

function done(summary, latency, requests)
  local total_ok, total_failed, total_bad = 0, 0, 0
  local all_own = {}
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_failed = total_failed + thread:get("failed")
    total_bad = total_bad + thread:get("bad_status")
    for _, value in ipairs(thread:get("own") or {}) do all_own[#all_own + 1] = value end
  end
  table.sort(all_own)
  local function own_percentile(p)
    if #all_own == 0 then return -1 end
    return all_own[math.max(1, math.ceil(#all_own * p / 100))]
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"ok":%d,"failed":%d,"bad_status":%d,' ..
    '"socket_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d,' ..
    '"own_count":%d,"own_p50_ms":%.3f,"own_p99_ms":%.3f}\n',
    summary.requests, summary.duration, total_ok, total_failed, total_bad,
    errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    #all_own, own_percentile(50), own_percentile(99)))
end
