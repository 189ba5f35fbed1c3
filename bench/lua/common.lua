-- Shared by every scenario: per-thread status counters and a JSON summary line for the harness.
-- Scenario data (token, paths, bodies) is prepended by bench/wrk.py as `local DATA = {...}`.

counts = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function count(key)
  counts[key] = (counts[key] or 0) + 1
end

local function merged_counts()
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts") or {}
    for k, v in pairs(c) do
      total[k] = (total[k] or 0) + v
    end
  end
  local parts = {}
  for k, v in pairs(total) do
    table.insert(parts, string.format('"%s": %d', k, v))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p99": %d}, "counts": %s}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), merged_counts()))
end

function header(headers, name)
  return headers[name] or headers[string.lower(name)]
end
