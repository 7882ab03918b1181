-- wrk script: doorstep results through the API, spread round-robin over the people on the
-- volunteers' walk lists (PAIRS: a file of "walk_list person token" lines, the token being
-- the session of the volunteer holding that list), answers included so every write is sealed.
local doors = {}
for line in io.lines(os.getenv("PAIRS")) do
  local list, person, token = line:match("(%d+) (%d+) (%S+)")
  table.insert(doors, { list, person, token })
end
local next = math.random(#doors)

request = function()
  next = next % #doors + 1
  local list, person, token = doors[next][1], doors[next][2], doors[next][3]
  local body = '{"person":' .. person .. ',"walkList":' .. list .. ',"outcome":"spoke",' ..
    '"answers":{"intention":"Green","certainty":"likely","likelihood":7,"issues":["Housing"],"notes":"benchmark"}}'
  return wrk.format("POST", "/api/v1/canvass/results",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
