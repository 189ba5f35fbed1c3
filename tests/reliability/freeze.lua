-- The freeze repro of issue 11: GET a list page, every 10th request with an unknown token (a cache miss).
-- wrk -t2 -c64 -d40s -s freeze.lua URL/v1/data-collections?limit=50   (TOKEN in the environment)
local token = os.getenv("TOKEN")
local n = 0
request = function()
  n = n + 1
  local t = token
  if n % 10 == 0 then t = "unknown-" .. n .. "-" .. math.random(1, 1000000000) end
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. t})
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local s5 = 0
  for s, c in pairs(statuses) do if s >= 500 then s5 = s5 + c end end
  io.write(string.format("status_5xx=%d ", s5))
  io.write(string.format("requests=%d max_latency_ms=%.1f p99_ms=%.1f errors_status=%d timeouts=%d\n",
    summary.requests, latency.max / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.timeout))
end
