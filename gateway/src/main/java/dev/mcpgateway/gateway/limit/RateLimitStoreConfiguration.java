package dev.mcpgateway.gateway.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpgateway.gateway.config.GatewayProperties;
import io.lettuce.core.ClientOptions;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Where token buckets live, by {@code mcpgateway.rate-limit.store}: {@code memory} (default) or {@code redis}. Redis
 * is only ever contacted with {@code store=redis} (Boot's connection factory connects lazily), so the jar starts
 * without one.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStoreConfiguration {

    private static final String STORE = "mcpgateway.rate-limit.store";

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    TokenBuckets inMemoryTokenBuckets(RateLimitMetrics metrics) {
        return TokenBuckets.inMemory(metrics, Ticker.systemTicker());
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    TokenBuckets redisTokenBuckets(ReactiveStringRedisTemplate redis,
                                   @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
                                   ConfigurationService configurations, GatewayProperties properties,
                                   RateLimitMetrics metrics) {
        GatewayProperties.RateLimit rateLimit = properties.rateLimit();
        return TokenBuckets.inRedis(redis, script, configurations, rateLimit.storeTimeout(), metrics,
                rateLimit.failClosed());
    }

    /**
     * While Redis is unreachable, fail each check at once instead of queueing it until the command timeout, so fail
     * open costs no latency; Lettuce keeps reconnecting in the background and limiting resumes by itself.
     */
    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    LettuceClientOptionsBuilderCustomizer rejectRateLimitChecksWhileRedisIsDown() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
