-- wrk script for bench/booking-throughput.sh: every request books a DIFFERENT slot, for an
-- organisation of its own, so no two requests in flight contend for the same period (exclusion
-- constraint) or the same organisation (the de minimis advisory lock).
--
--   wrk -t T -c C -d D -s bookings.lua URL -- tokens.txt facilities.txt BASE_EPOCH SLOT_MINUTES OFFSET T
--
-- Request number g (g = OFFSET + n*T + thread) books facility g mod F for slot floor(g/F), i.e.
-- [BASE + floor(g/F)*SLOT, +SLOT), with the token of organisation g mod O. Consecutive requests
-- (the ones in flight together) therefore use different organisations as long as C < O.
-- The done() hook prints one machine-readable RESULT line with status counts and latency percentiles.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local function lines(path)
  local t = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(t, line) end
  end
  return t
end

function init(args)
  tokens = lines(args[1])
  facilities = lines(args[2])
  base = tonumber(args[3])
  slot = tonumber(args[4]) * 60
  offset = tonumber(args[5])
  nthreads = tonumber(args[6])
  counter = 0
  statuses = {}
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end

local function iso(epoch)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", epoch)
end

function request()
  local g = offset + counter * nthreads + tid
  counter = counter + 1
  local nf = #facilities
  local s = base + math.floor(g / nf) * slot
  local body = '{"resourceType":"FACILITY","resourceId":"' .. facilities[(g % nf) + 1] ..
      '","start":"' .. iso(s) .. '","end":"' .. iso(s + slot) .. '","purpose":"benchmark booking ' .. g .. '"}'
  wrk.headers["Authorization"] = "Bearer " .. tokens[(g % #tokens) + 1]
  return wrk.format("POST", "/api/v1/bookings", wrk.headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 201 and not printed then
    printed = true
    io.stderr:write("first non-201 answer: " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
  end
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do counts[code] = (counts[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, code .. ":" .. n) end
  table.sort(parts)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_us=%d created=%d statuses=%s socket_errors=%d " ..
      "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f\n",
      summary.requests, summary.duration, counts[201] or 0, table.concat(parts, ","), errors,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
