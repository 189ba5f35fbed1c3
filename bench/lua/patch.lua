-- PATCH with If-Match: read the record's ETag first (GET), then patch with it; every response carrying a
-- record refreshes the ETag. Several connections share a thread's targets, so a PATCH can race another:
-- the 412s that follow are counted, and a 412 forces a fresh read of the thread's targets.
local n = 0
local etags = {}
local auth = "Bearer " .. DATA.token

function request()
  n = n + 1
  local targets = DATA.targets[tid]
  local uuid = targets[(n % #targets) + 1]
  local path = "/v1/data-collections/" .. uuid
  local tag = etags[uuid]
  if tag == nil then
    count("GET")
    return wrk.format("GET", path, {["Authorization"] = auth})
  end
  count("PATCH")
  return wrk.format("PATCH", path, {["Authorization"] = auth, ["If-Match"] = tag,
                                    ["Content-Type"] = "application/merge-patch+json"},
                    '{"comments": "bench patch ' .. n .. '"}')
end

function response(status, headers, body)
  count(tostring(status))
  if status == 412 then
    etags = {}
    return
  end
  local uuid = string.match(body, '"uuid":"([%x%-]+)"')
  local tag = header(headers, "ETag")
  if status == 200 and uuid and tag then
    etags[uuid] = tag
  end
end
