-- wrk script: PUT a 256-byte value to unique keys bench/k<i>, i = 0, 1, 2 ... across all threads
-- (thread t of T writes t, t+T, t+2T ...), so the store grows by one key per request: the fill
-- of bench/scale.sh. Environment: SCALE_KEYS = stop growing at this many keys (later requests
-- overwrite from k0 again), BENCH_LUA_DIR as for common.lua.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua;" .. package.path
local common = require("common")

local threads = 0
local limit = tonumber(os.getenv("SCALE_KEYS") or "1000000")

function setup(thread)
   thread:set("thread_id", threads)
   threads = threads + 1
end

local next_key, stride
function init()
   next_key = thread_id or 0
   stride = tonumber(os.getenv("SCALE_THREADS") or "2")
end

done = common.done

local body = "value=" .. string.rep("v", 256)
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
   local k = next_key % limit
   next_key = next_key + stride
   return wrk.format("PUT", "/v2/keys/bench/k" .. k, headers, body)
end
