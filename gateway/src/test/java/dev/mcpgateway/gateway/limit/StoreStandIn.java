package dev.mcpgateway.gateway.limit;

import java.util.HashMap;
import java.util.Map;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/** The configuration half of SCG's {@link RateLimiter} contract, for test stores that only differ in how they answer. */
abstract class StoreStandIn implements RateLimiter<RedisRateLimiter.Config> {

    private final Map<String, RedisRateLimiter.Config> config;

    StoreStandIn() {
        this(new HashMap<>());
    }

    StoreStandIn(Map<String, RedisRateLimiter.Config> config) {
        this.config = config;
    }

    @Override
    public Map<String, RedisRateLimiter.Config> getConfig() {
        return config;
    }

    @Override
    public Class<RedisRateLimiter.Config> getConfigClass() {
        return RedisRateLimiter.Config.class;
    }

    @Override
    public RedisRateLimiter.Config newConfig() {
        return new RedisRateLimiter.Config();
    }
}
