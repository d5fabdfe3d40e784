-- One token bucket per key pair, the algorithm and the keys/arguments/answer of Spring Cloud Gateway's
-- request_rate_limiter.lua (RedisRateLimiter calls this in its place), with one difference: "now" is Redis time
-- in microseconds, not whole seconds, so tokens come back smoothly instead of a second's worth at each boundary.
-- KEYS: tokens key, timestamp key. ARGV: rate (tokens/s), capacity (burst), ignored (SCG's "now"), requested.
-- Answer: { 1 if allowed else 0, whole tokens left }.
redis.replicate_commands()

local tokens_key = KEYS[1]
local timestamp_key = KEYS[2]

local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local requested = tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000

-- Keep a key as long as its bucket takes to fill, twice over; an expired bucket is a full one.
local ttl = math.max(1, math.ceil(capacity / rate * 2))

local tokens = tonumber(redis.call('get', tokens_key)) or capacity
local refreshed = tonumber(redis.call('get', timestamp_key)) or 0

local elapsed = math.max(0, now - refreshed)
local available = math.min(capacity, tokens + elapsed * rate)
local allowed = available >= requested
if allowed then
  available = available - requested
end

redis.call('setex', tokens_key, ttl, string.format('%.6f', available))
redis.call('setex', timestamp_key, ttl, string.format('%.6f', now))

return { allowed and 1 or 0, math.floor(available) }
