-- wrk script for bench/availability-latency.sh: each request asks GET /api/v1/availability for a
-- random facility (or equipment item) and a random 31-day window starting 0..DAYS days from BASE.
--
--   wrk ... -s availability.lua URL -- resources.txt BASE_EPOCH DAYS WINDOW_DAYS
-- resources.txt lines: "FACILITY <uuid>" or "EQUIPMENT <uuid>".
-- The done() hook prints one machine-readable RESULT line.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

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

local function iso(epoch)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", epoch)
end

function request()
  local r = resources[math.random(#resources)]
  local from = base + math.random(0, days) * 86400
  local path = "/api/v1/availability?resourceType=" .. r[1] .. "&resourceId=" .. r[2] ..
      "&from=" .. iso(from) .. "&to=" .. iso(from + window)
  return wrk.format("GET", path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 and not printed then
    printed = true
    io.stderr:write("first non-200 answer: " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
  end
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do counts[code] = (counts[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, code .. ":" .. n) end
  table.sort(parts)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_us=%d ok=%d statuses=%s socket_errors=%d bytes=%d " ..
      "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f\n",
      summary.requests, summary.duration, counts[200] or 0, table.concat(parts, ","), errors, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
