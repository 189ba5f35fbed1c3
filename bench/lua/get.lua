-- GET of paths taken in turn (single records, list pages, deep pages): no response hook, so wrk stays fast.
local i = 0
local headers = {["Authorization"] = "Bearer " .. DATA.token}

function request()
  i = i + 1
  return wrk.format("GET", DATA.paths[(i % #DATA.paths) + 1], headers)
end
