-- wrk script for bench/booking-throughput.sh: every request books a DIFFERENT slot, for an
-- organisation of its own, so no two requests in flight contend for the same period (exclusion
-- constraint) or the same organisation (the de minimis advisory lock).
--
--   wrk -t T -c C -d D -s bookings.lua URL -- tokens.txt facilities.txt BASE_EPOCH SLOT_MINUTES OFFSET T [IDS]
--
-- Request number g (g = OFFSET + n*T + thread) books facility g mod F for slot floor(g/F), i.e.
-- [BASE + floor(g/F)*SLOT, +SLOT), with the token of organisation g mod O. Consecutive requests
-- (the ones in flight together) therefore use different organisations as long as C < O.
-- The done() hook prints one machine-readable RESULT line with status counts and latency percentiles.
-- With IDS, each thread appends the id of every booking answered 201 (from Location) to IDS-<thread>,
-- so that the bench can check each of them is in the database.

local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")

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
  if args[7] then ids = io.open(args[7] .. "-" .. tid, "a") end
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end

local iso = report.iso

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

local count = report.response(201)

function response(status, headers, body)
  count(status, headers, body)
  if status == 201 and ids then
    local location = headers["Location"] or headers["location"] or ""
    ids:write((location:match("(%x+%-%x+%-%x+%-%x+%-%x+)$") or ("no id in Location: " .. location)) .. "\n")
    ids:flush()
  end
end

done = report.done(201, "created")
