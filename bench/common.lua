-- Shared by get.lua and put.lua: key choice and the machine-readable summary line.
-- Environment (set by run.sh): BENCH_PRELOAD = number of keys k0..k<N-1> under /v2/keys/bench/.

local M = {}

M.keys = tonumber(os.getenv("BENCH_PRELOAD") or "1000")
M.prefix = "/v2/keys/bench/k"

local thread_count = 0

-- Runs in the main Lua state once per thread: give each thread its own random sequence.
function M.setup(thread)
   thread_count = thread_count + 1
   thread:set("thread_id", thread_count)
end

function M.init()
   math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function M.random_path()
   return M.prefix .. math.random(0, M.keys - 1)
end

-- One line that run.sh parses; latencies in microseconds.
function M.done(summary, latency, requests)
   local e = summary.errors
   local seconds = summary.duration / 1e6
   local function us(p) return math.floor(latency:percentile(p)) end
   io.write(string.format(
      "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d " ..
      "max_us=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
      summary.requests, seconds, summary.requests / seconds, us(50), us(90), us(99), us(99.9),
      math.floor(latency.max), e.connect, e.read, e.write, e.status, e.timeout))
end

return M
