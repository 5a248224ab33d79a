-- wrk script: JSON ListRooms with a valid token (or skipAuth when LK_BENCH_TOKEN is unset).
wrk.method = "POST"
wrk.path = "/twirp/livekit.RoomService/ListRooms"
wrk.body = '{"names":["bench-room"]}'
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("LK_BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
else
  wrk.headers["X-Lk-Mock"] = '{"skipAuth":true}'
end

function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read +
                         summary.errors.write + summary.errors.timeout))
end
