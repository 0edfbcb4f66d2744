-- wrk script of the authz soak (soak_test.py): each request sends a token picked at random from
-- the tokens file (lines "CLASS TOKEN"), and each answer is counted under "CLASS STATUS".
-- Run with one connection per thread (-t N -c N): wrk then alternates request() and response()
-- on each thread, so an answer always belongs to the last token that thread sent.
-- A 200 whose X-Jwtcheck-Subject names a forger is also counted, whatever the class says.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  tokens, classes = {}, {}
  for line in io.lines(args[1]) do
    local class, token = line:match("^(%S+) (%S+)$")
    if class then
      table.insert(classes, class)
      table.insert(tokens, token)
    end
  end
  counts, last = {}, nil
  math.randomseed(os.time() + #tokens + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  local i = math.random(#tokens)
  last = classes[i]
  return wrk.format("GET", "/check", {["Authorization"] = "Bearer " .. tokens[i],
                                      ["X-Forwarded-Method"] = "GET", ["X-Forwarded-Uri"] = "/api/things"})
end

function response(status, headers, body)
  local key = last .. " " .. status
  counts[key] = (counts[key] or 0) + 1
  local subject = headers["X-Jwtcheck-Subject"] or headers["x-jwtcheck-subject"] or ""
  if status == 200 and subject:find("forged", 1, true) then
    counts["forger_passed"] = (counts["forger_passed"] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do total[key] = (total[key] or 0) + n end
  end
  local parts = {}
  for key, n in pairs(total) do table.insert(parts, string.format("%q: %d", key, n)) end
  io.write("SOAK {" .. table.concat(parts, ", ") .. "}\n")
  io.write(string.format("SOAKERRORS {\"connect\": %d, \"read\": %d, \"write\": %d, \"status\": %d, \"timeout\": %d}\n",
                         summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
                         summary.errors.timeout))
end
