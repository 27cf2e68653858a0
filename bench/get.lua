-- wrk script: GET a random preloaded key (/v2/keys/bench/k<0..BENCH_PRELOAD-1>).
package.path = (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
init = common.init
done = common.done

function request()
   return wrk.format("GET", common.random_path())
end
