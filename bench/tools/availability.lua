-- wrk script for bench/availability-latency.sh: each request asks GET /api/v1/availability for a
-- random facility (or equipment item) and a random 31-day window starting 0..DAYS days from BASE.
--
--   wrk ... -s availability.lua URL -- resources.txt BASE_EPOCH DAYS WINDOW_DAYS
-- resources.txt lines: "FACILITY <uuid>" or "EQUIPMENT <uuid>".
-- The done() hook prints one machine-readable RESULT line.

local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")

function init(args)
  resources = {}
  for line in io.lines(args[1]) do
    local kind, id = line:match("^(%S+)%s+(%S+)$")
    if kind then table.insert(resources, { kind, id }) end
  end
  base = tonumber(args[2])
  days = tonumber(args[3])
  window = tonumber(args[4]) * 86400
  math.randomseed(os.time() + tid * 7919)
  statuses = {}
  bytes = 0
  wrk.headers["Accept"] = "application/json"
end

local iso = report.iso

function request()
  local r = resources[math.random(#resources)]
  local from = base + math.random(0, days) * 86400
  local path = "/api/v1/availability?resourceType=" .. r[1] .. "&resourceId=" .. r[2] ..
      "&from=" .. iso(from) .. "&to=" .. iso(from + window)
  return wrk.format("GET", path)
end

response = report.response(200)

done = report.done(200, "ok", function(summary) return "bytes=" .. summary.bytes end)
