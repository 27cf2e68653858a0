-- wrk script for auth-flood.sh: GET /v2/keys/flood with HTTP Basic credentials of FLOOD_USER and
-- a wrong password. FLOOD_MODE=same sends one wrong password over and over (what a scripted
-- `root:x` flood does); FLOOD_MODE=distinct sends a new one with every request, so no cache of
-- failed passwords can answer it and every request asks for a hash to be computed.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua;" .. package.path
local common = require("common")

local user = os.getenv("FLOOD_USER") or "root"
local mode = os.getenv("FLOOD_MODE") or "same"

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(s)
   local out = {}
   for i = 1, #s, 3 do
      local a, b, c = s:byte(i, i + 2)
      local n = a * 65536 + (b or 0) * 256 + (c or 0)
      local chars = 2 + (b and 1 or 0) + (c and 1 or 0)
      for k = 1, 4 do
         if k <= chars then
            local idx = math.floor(n / 64 ^ (4 - k)) % 64
            out[#out + 1] = alphabet:sub(idx + 1, idx + 1)
         else
            out[#out + 1] = "="
         end
      end
   end
   return table.concat(out)
end

local same = wrk.format("GET", "/v2/keys/flood", { ["Authorization"] = "Basic " .. base64(user .. ":x") })

-- Answers by status, per thread, summed in done(): 401 (refused) and 429 (too many checks).
local threads = {}
function setup(thread)
   common.setup(thread)
   table.insert(threads, thread)
end
init = common.init
status401, status429 = 0, 0 -- globals: done() reads them per thread
function response(status)
   if status == 401 then
      status401 = status401 + 1
   elseif status == 429 then
      status429 = status429 + 1
   end
end
function done(summary, latency, requests)
   common.done(summary, latency, requests)
   local s401, s429 = 0, 0
   for _, t in ipairs(threads) do
      s401 = s401 + (t:get("status401") or 0)
      s429 = s429 + (t:get("status429") or 0)
   end
   io.write(string.format("FLOOD_STATUS s401=%d s429=%d\n", s401, s429))
end

function request()
   if mode ~= "distinct" then
      return same
   end
   local password = "x" .. math.random(1, 1000000000) .. "-" .. (thread_id or 0)
   return wrk.format("GET", "/v2/keys/flood", { ["Authorization"] = "Basic " .. base64(user .. ":" .. password) })
end
