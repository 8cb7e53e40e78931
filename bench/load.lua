-- wrk script for bench/dashboard.sh BENCH_ONLY=load: every request is made with one of the signed-in sessions
-- (round robin, from $LOAD_COOKIES, one Cookie header value per line) on one of the everyday pages; any answer other
-- than 200 (a redirect to the login page included) counts as an error.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  cookies = {}
  for line in io.lines(os.getenv("LOAD_COOKIES")) do
    if #line > 0 then table.insert(cookies, line) end
  end
  paths = { "/", "/Systems", "/Tasks", "/Assessments", "/Dossiers", "/Incidents", "/Notifications", "/Websites", "/Systems?trang=2", "/Tasks?view=agency" }
  n = math.random(1, #cookies)
  not_ok = 0
end

function request()
  n = n + 1
  local cookie = cookies[(n % #cookies) + 1]
  local path = paths[(n % #paths) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT p50=%.1f p95=%.1f p99=%.1f rps=%.1f requests=%d errors=%d not_200=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / seconds, summary.requests, errors, bad))
end
