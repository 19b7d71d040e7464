-- wrk script: each request answers one quiz question as a different learner, the way a
-- room of learners does. Cookies and the form body come from the environment (see
-- bench/quiz-load.sh).
local cookies = {}
local bodies = {}
local n = 0

init = function(args)
  for c in string.gmatch(os.getenv("LAB_COOKIES") or "", "[^,]+") do
    table.insert(cookies, c)
  end
  for b in string.gmatch(os.getenv("LAB_BODIES") or "", "[^|]+") do
    table.insert(bodies, b)
  end
end

request = function()
  n = n + 1
  local cookie = cookies[(n % #cookies) + 1]
  local body = bodies[(n % #bodies) + 1]
  return wrk.format("POST", "/quiz", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Cookie"] = cookie,
  }, body)
end

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then
      io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
    end
  end
end
