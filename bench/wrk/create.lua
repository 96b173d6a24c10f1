-- POST /v1/intents with a unique correlation_id per request (and a unique Idempotency-Key when
-- the KEYED environment variable is set): wrk's load for bench/server.py.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  keyed = os.getenv("KEYED") == "1"
  run_id = os.getenv("RUN_ID") or "0"
end

function request()
  counter = counter + 1
  local correlation = string.format("00000000-0000-4000-8%03x-%012x", thread_id % 4096, counter)
  local body = '{"intent_type":"bench.run.v1","correlation_id":"' .. correlation ..
    '","to_agent":"agent://local/dev/agent","payload":{"n":1}}'
  local headers = {["Content-Type"] = "application/json", ["x-api-key"] = "axp-dev-client"}
  if keyed then
    headers["Idempotency-Key"] = "k-" .. run_id .. "-" .. thread_id .. "-" .. counter
  end
  return wrk.format("POST", "/v1/intents", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"non2xx\":%d,\"errors\":%d,\"p50_us\":%d,\"p99_us\":%d}\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
