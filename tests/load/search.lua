-- wrk script: cycles through real queries (one per line in $QUERIES) against /api/search?mode=$MODE.
-- Counts non-2xx answers as errors and prints p50/p99 in milliseconds at the end.
local queries = {}
local mode = os.getenv("MODE") or "bm25"
local index = 0

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local file = assert(io.open(os.getenv("QUERIES") or "queries.txt", "r"))
for line in file:lines() do
  if #line > 0 then queries[#queries + 1] = "/api/search?mode=" .. mode .. "&q=" .. encode(line) end
end
file:close()

function setup(thread)
  -- Each thread starts at a different place in the list so connections do not march in step.
  thread:set("offset", math.random(#queries))
end

function init(args)
  index = offset or 0
end

function request()
  index = index % #queries + 1
  return wrk.format("GET", queries[index])
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT mode=%s requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d\n",
    mode, summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    non2xx, socket))
end
