package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.testing.RedisServerProcess;

/** {@link TwoReplicasOnOneRedisContract} on Debian's {@code redis-server}, started on a free loopback port. */
class RedisRateLimitIntegrationTests extends TwoReplicasOnOneRedisContract {

    @Override
    RedisUnderTest startRedis() {
        RedisServerProcess redis = RedisServerProcess.startOnFreePort();
        return new RedisUnderTest() {
            @Override
            public String url() {
                return redis.url();
            }

            @Override
            public void stop() {
                redis.stop();
            }

            @Override
            public void start() {
                redis.start();
            }

            @Override
            public void close() {
                redis.close();
            }
        };
    }
}
