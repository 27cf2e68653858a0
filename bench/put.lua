-- wrk script: PUT a 256-byte value to a random preloaded key, form-encoded like etcdctl does.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
init = common.init
done = common.done

local body = "value=" .. string.rep("v", 256)
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
   return wrk.format("PUT", common.random_path(), headers, body)
end
