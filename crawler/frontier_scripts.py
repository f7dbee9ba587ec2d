"""The Lua scripts of the shared frontier's lease queue (``crawler.frontier_queue``).

Each change that touches several keys of a host runs as one script, so Redis applies it
atomically: no other worker sees a request popped but not yet in flight, a lease taken but the
dead holder's requests not yet queued again, or a host let go with work left. ``KEYS`` and
``ARGV`` are listed above each script; a lease's value is the worker id that holds it.
Reads no settings.
"""

# KEYS: seen, seq, req, score, queue, hosts; ARGV: fingerprint ('': not filtered), request,
# priority × -span (the score's first part), host. Mark the request seen and queue it in one
# step: a worker killed between the two would leave a URL every worker's filter drops and no
# worker fetches. Returns 0 (seen before: not queued) or the request's token.
PUSH = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
local t = redis.call('INCR', KEYS[2])
local s = string.format('%d', tonumber(ARGV[3]) + t)
redis.call('HSET', KEYS[3], t, ARGV[2])
redis.call('HSET', KEYS[4], t, s)
redis.call('ZADD', KEYS[5], s, t)
redis.call('SADD', KEYS[6], ARGV[4])
return t
"""
# KEYS: lease, queue, inflight, req; ARGV: worker, ttl ms. The next request of a held host, now
# in flight (false: the lease is not ours any more; empty: nothing queued).
POP = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local t = redis.call('ZRANGE', KEYS[2], 0, 0)
if #t == 0 then return {} end
redis.call('ZREM', KEYS[2], t[1])
redis.call('SADD', KEYS[3], t[1])
return {t[1], redis.call('HGET', KEYS[4], t[1])}
"""
# KEYS: lease, queue, inflight, score, hosts; ARGV: worker, ttl ms, host, then the tokens this
# worker still has in flight there. The lease may be ours already (another site of the host,
# same process), or ours again after it ran out while we were busy. Any other token in flight
# on this site and host is a dead (or lease-less) worker's: no live worker pops from a host
# whose lease it does not hold, so it goes back at the head of the queue.
# Returns -1 (held by another worker), 0 (nothing to do there), else 1 + requests put back.
ACQUIRE = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return -1 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local own = {}
for i = 4, #ARGV do own[ARGV[i]] = true end
local back = 0
for _, t in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if not own[t] then
    local s = redis.call('HGET', KEYS[4], t)
    if s then redis.call('ZADD', KEYS[2], s, t) end
    redis.call('SREM', KEYS[3], t)
    back = back + 1
  end
end
if redis.call('ZCARD', KEYS[2]) == 0 and redis.call('SCARD', KEYS[3]) == 0 then
  redis.call('SREM', KEYS[5], ARGV[3])
  if not holder then redis.call('DEL', KEYS[1]) end
  return 0
end
return 1 + back
"""
# KEYS: inflight, queue, req, score, hosts; ARGV: token, host
ACK = """
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
if redis.call('ZCARD', KEYS[2]) == 0 and redis.call('SCARD', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[5], ARGV[2])
end
return 1
"""
# KEYS: lease; ARGV: worker, ttl ms. Extend the lease if it is still ours.
RENEW = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""
# KEYS: lease, queue, inflight, score; ARGV: worker. Put this site's in-flight work back.
RETURN = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for _, t in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local s = redis.call('HGET', KEYS[4], t)
  if s then redis.call('ZADD', KEYS[2], s, t) end
end
redis.call('DEL', KEYS[3])
return 1
"""
# KEYS: queue, inflight, hosts; ARGV: host. True when this site has nothing left on the host.
IDLE = """
if redis.call('ZCARD', KEYS[1]) > 0 or redis.call('SCARD', KEYS[2]) > 0 then return 0 end
redis.call('SREM', KEYS[3], ARGV[1])
return 1
"""
# KEYS: lease; ARGV: worker. Delete the lease if it is still ours.
DROP = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
"""
