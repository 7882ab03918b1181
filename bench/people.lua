-- wrk script: person reads round-robin over the ids in the file PEOPLE, one per line, with
-- the session token in TOKEN.
local people = {}
for line in io.lines(os.getenv("PEOPLE")) do table.insert(people, line) end
local token = os.getenv("TOKEN")
local next = math.random(#people)

request = function()
  next = next % #people + 1
  return wrk.format("GET", "/api/v1/people/" .. people[next], { ["Authorization"] = "Bearer " .. token })
end
