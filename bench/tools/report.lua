-- What the bench's wrk scripts share: each thread's id (the global tid), its count of answers by
-- status (the global statuses; the first unexpected answer goes to stderr), and done()'s one
-- machine-readable RESULT line that the bench scripts read.
--
--   local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
--   response = report.response(201)
--   done = report.done(201, "created")
--
-- wrk loads a script once per thread and once more for setup() and done(): this file too.

local report = {}
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function report.iso(epoch)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", epoch)
end

-- A response() that counts answers by status; the thread's init() sets statuses = {}.
function report.response(expected)
  return function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status ~= expected and not printed then
      printed = true
      io.stderr:write("first non-" .. expected .. " answer: " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
    end
  end
end

-- A done() that prints the RESULT line: the count of expected answers under the given name, and
-- extra(summary)'s fields, if any, before the latencies.
function report.done(expected, name, extra)
  return function(summary, latency, requests)
    local counts = {}
    for _, thread in ipairs(threads) do
      for code, n in pairs(thread:get("statuses")) do counts[code] = (counts[code] or 0) + n end
    end
    local parts = {}
    for code, n in pairs(counts) do table.insert(parts, code .. ":" .. n) end
    table.sort(parts)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT requests=%d duration_us=%d %s=%d statuses=%s socket_errors=%d %s" ..
        "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f\n",
        summary.requests, summary.duration, name, counts[expected] or 0, table.concat(parts, ","), errors,
        extra and extra(summary) .. " " or "",
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
  end
end

return report
