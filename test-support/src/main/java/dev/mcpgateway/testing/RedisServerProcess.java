package dev.mcpgateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Redis server for tests: Debian's {@code redis-server} on a free loopback port, without persistence, stopped
 * by its pid. {@link #stop()} and {@link #start()} again (same port) let a test take Redis away mid-run. Missing
 * {@code redis-server} fails loudly, never skips: install it with {@code apt-get install redis-server}.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 15_000;

    private final int port;
    private Process process;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    /** Starts a server on a free loopback port. */
    public static RedisServerProcess startOnFreePort() {
        RedisServerProcess redis = new RedisServerProcess(freePort());
        redis.start();
        return redis;
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code spring.data.redis.url}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts (again) on this server's port and waits until it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String binary = binary();
        try {
            process = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!accepting()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port " + port);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("redis-server did not accept connections on port " + port);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval while waiting for the port
        }
    }

    /** Stops the server (by its pid) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File file = new File(dir, "redis-server");
                if (file.canExecute()) {
                    return file.getPath();
                }
            }
        }
        throw new IllegalStateException("redis-server is not installed; the rate limit tests need a real Redis. "
                + "Install it with: apt-get install redis-server (.ci/run does this on CI)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
