-- wrk script: PUT a 256-byte value to a random preloaded key, form-encoded like etcdctl does.
-- BENCH_DELAY_MS (optional): each connection waits that long after an answer before its next
-- request, so the load is a set pace (about 1000 / BENCH_DELAY_MS writes a second per
-- connection) rather than as fast as the server answers.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
init = common.init
done = common.done

local body = "value=" .. string.rep("v", 256)
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if delay_ms then
   function delay()
      return delay_ms
   end
end

function request()
   return wrk.format("PUT", common.random_path(), headers, body)
end
