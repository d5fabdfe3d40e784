package dev.mcpgateway.gateway.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpgateway.gateway.config.GatewayProperties;
import io.lettuce.core.ClientOptions;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;

/**
 * Where token buckets live, by {@code mcpgateway.rate-limit.store}: {@code memory} (default) or {@code redis}. Redis
 * is only ever contacted with {@code store=redis} (Boot's connection factory connects lazily), so the jar starts
 * without one.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStoreConfiguration {

    private static final String STORE = "mcpgateway.rate-limit.store";
    private static final String TOKEN_BUCKET_SCRIPT = "dev/mcpgateway/gateway/limit/token_bucket.lua";

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    TokenBuckets inMemoryTokenBuckets(RateLimitMetrics metrics) {
        return TokenBuckets.inMemory(metrics, Ticker.systemTicker());
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    TokenBuckets redisTokenBuckets(ReactiveStringRedisTemplate redis, ConfigurationService configurations,
                                   GatewayProperties properties, RateLimitMetrics metrics) {
        GatewayProperties.RateLimit rateLimit = properties.rateLimit();
        return TokenBuckets.inRedis(redis, tokenBucketScript(), configurations, rateLimit.storeTimeout(), metrics,
                rateLimit.failClosed());
    }

    /**
     * SCG's token bucket script with Redis time in microseconds: SCG's own reads whole seconds, which lets up to a
     * second's worth of extra calls through at each second boundary (a 3 s flood at 20/s could get 33 % more).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static RedisScript<List<Long>> tokenBucketScript() {
        DefaultRedisScript script = new DefaultRedisScript<>();
        script.setScriptSource(new ResourceScriptSource(new ClassPathResource(TOKEN_BUCKET_SCRIPT)));
        script.setResultType(List.class);
        return script;
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
