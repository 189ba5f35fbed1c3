-- PUT with client UUIDs: each UUID is put twice, as an acquisition client does (created RUNNING, then
-- replaced when the sweep ends), both real writes; a fresh pool per run, one pool per wrk thread.
local n = 0
local headers = {["Authorization"] = "Bearer " .. DATA.token, ["Content-Type"] = "application/json"}

function request()
  n = n + 1
  local pool = DATA.pools[tid]
  local uuid = pool[(math.floor((n - 1) / 2) % #pool) + 1]
  local body = (n % 2 == 1) and DATA.running or DATA.finished
  return wrk.format("PUT", "/v1/data-collections/" .. uuid, headers, body)
end

function response(status, headers, body)
  count(tostring(status))
end
