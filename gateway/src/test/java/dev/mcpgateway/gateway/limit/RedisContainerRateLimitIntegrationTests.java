package dev.mcpgateway.gateway.limit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link TwoReplicasOnOneRedisContract} on the official Redis image in a container. Runs only where a Docker engine
 * exists; elsewhere it is skipped and {@link RedisRateLimitIntegrationTests} covers the same ground. The container's
 * port is bound to a fixed free host port so that stopping and starting it keeps the address the replicas know.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisContainerRateLimitIntegrationTests extends TwoReplicasOnOneRedisContract {

    private static final DockerImageName REDIS = DockerImageName.parse("redis:7.4-alpine");

    @Override
    RedisUnderTest startRedis() {
        int port = freePort();
        GenericContainer<?> container = new GenericContainer<>(REDIS).withExposedPorts(6379);
        container.setPortBindings(List.of(port + ":6379"));
        container.start();
        return new RedisUnderTest() {
            @Override
            public String url() {
                return "redis://" + container.getHost() + ":" + port;
            }

            @Override
            public void stop() {
                container.stop();
            }

            @Override
            public void start() {
                container.start();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
