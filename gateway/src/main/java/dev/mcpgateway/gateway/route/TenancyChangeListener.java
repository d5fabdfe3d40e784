package dev.mcpgateway.gateway.route;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.tenant.TenancySnapshot;
import dev.mcpgateway.gateway.tenant.TenancySnapshotLoader;
import dev.mcpgateway.gateway.tenant.Tenant;
import dev.mcpgateway.gateway.tenant.TenantDirectory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link TenantDirectory} current: {@code LISTEN}s on the channel the schema's triggers notify, over a
 * connection of its own on a thread of its own, reloads once per burst of notifications, and reloads fully every
 * {@code reloadInterval} in case a notification was lost. When Postgres is unreachable the last snapshot stays in
 * place (known users keep working) and the connection is re-opened with a growing wait.
 */
@Component
class TenancyChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenancyChangeListener.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration FIRST_RECONNECT_WAIT = Duration.ofMillis(200);
    private static final int LONGEST_POLL_MILLIS = 1_000;

    private final TenancySnapshotLoader loader;
    private final TenantDirectory directory;
    private final ApplicationEventPublisher events;
    private final JdbcConnectionDetails database;
    private final GatewayProperties.Directory settings;
    private final int configuredClientKeys;
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection listening;
    /** Touched only by whichever thread reloads: startup, then the listener thread. */
    private boolean loadedBefore;
    private long lastFingerprint;
    private volatile Instant lastLoaded;

    TenancyChangeListener(TenancySnapshotLoader loader, TenantDirectory directory, ApplicationEventPublisher events,
                          JdbcConnectionDetails database, GatewayProperties properties) {
        this.loader = loader;
        this.directory = directory;
        this.events = events;
        this.database = database;
        this.settings = properties.directory();
        this.configuredClientKeys = properties.security().clientKeys().size();
        if (!CHANNEL.matcher(settings.notifyChannel()).matches()) {
            throw new IllegalArgumentException("mcpgateway.directory.notify-channel must be a lower-case SQL identifier"
                    + " (was '" + settings.notifyChannel() + "')");
        }
    }

    /** Listens first, then loads, so that no change made in between is missed; before the web server starts. */
    @Override
    public void start() {
        running = true;
        Connection connection = null;
        try {
            connection = connectAndListen();
        } catch (SQLException e) {
            log.warn("Cannot listen for tenancy changes yet ({}); will retry", e.getMessage());
        }
        reload("startup");
        Connection first = connection;
        thread = new Thread(() -> listenUntilStopped(first), "tenancy-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        closeQuietly(listening);
        Thread current = thread;
        if (current != null) {
            try {
                current.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (which starts late), so the first request already sees the bootstrap's tenants. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Loads a fresh snapshot now and puts it in place; on failure keeps the current one. */
    void reload(String reason) {
        reload(reason, false);
    }

    /**
     * @param onlyIfChanged keep the current snapshot (and whatever is cached against it) when the database holds
     *                      exactly what the last load found; used by the periodic safety-net reload
     */
    private synchronized void reload(String reason, boolean onlyIfChanged) {
        long started = System.nanoTime();
        TenancySnapshot previous = directory.current();
        TenancySnapshotLoader.Loaded loaded;
        try {
            loaded = loader.loadWithFingerprint();
        } catch (RuntimeException e) {
            log.warn("Tenancy reload ({}) failed, keeping the current directory of {} tenants: {}", reason,
                    previous.tenants().size(), e.getMessage());
            return;
        }
        lastLoaded = Instant.now();
        if (onlyIfChanged && loadedBefore && loaded.fingerprint() == lastFingerprint) {
            log.debug("Tenancy reload ({}): nothing changed", reason);
            return;
        }
        loadedBefore = true;
        lastFingerprint = loaded.fingerprint();
        TenancySnapshot next = loaded.snapshot();
        directory.replace(next);
        boolean routesChanged = !routing(previous).equals(routing(next));
        if (routesChanged) {
            events.publishEvent(new RefreshRoutesEvent(this));
        }
        log.info("Tenancy reloaded ({}): {} tenants, {} users with memberships, {} client keys ({} configured, {} in the"
                        + " database) in {} ms{}", reason, next.tenants().size(), next.memberships().size(),
                configuredClientKeys + next.clientKeys().size(), configuredClientKeys, next.clientKeys().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), routesChanged ? ", routes refreshed" : "");
    }

    /** When a load last succeeded, or {@code null} before the first. */
    Instant lastLoaded() {
        return lastLoaded;
    }

    /** Whether the LISTEN connection is open, i.e. changes arrive within a second rather than at the next reload. */
    boolean isListening() {
        Connection connection = listening;
        try {
            return connection != null && !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private void listenUntilStopped(Connection first) {
        Connection connection = first;
        Duration wait = FIRST_RECONNECT_WAIT;
        while (running) {
            try {
                if (connection == null) {
                    connection = connectAndListen();
                    log.info("Listening for tenancy changes again");
                    wait = FIRST_RECONNECT_WAIT;
                    reload("reconnected");
                }
                awaitChanges(connection);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                connection = null;
                if (!running) {
                    break;
                }
                log.warn("Tenancy change listener cannot reach Postgres ({}); keeping the current directory,"
                        + " retrying in {} ms", e.getMessage(), wait.toMillis());
                pause(wait);
                wait = longer(wait);
            }
        }
        closeQuietly(connection);
    }

    /** Returns only by throwing (connection lost) or when stopped. */
    private void awaitChanges(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long debounce = settings.debounce().toNanos();
        long interval = settings.reloadInterval().toNanos();
        long nextFullReload = System.nanoTime() + interval;
        long changedReloadAt = Long.MAX_VALUE;
        while (running) {
            long now = System.nanoTime();
            long until = Math.min(nextFullReload, changedReloadAt) - now;
            int pollMillis = (int) Math.max(1, Math.min(LONGEST_POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(until)));
            PGNotification[] received = notifications.getNotifications(pollMillis);
            now = System.nanoTime();
            if (received != null && received.length > 0 && changedReloadAt == Long.MAX_VALUE) {
                changedReloadAt = now + debounce;
            }
            if (now >= changedReloadAt) {
                changedReloadAt = Long.MAX_VALUE;
                nextFullReload = now + interval;
                reload("change notified");
            } else if (now >= nextFullReload) {
                if (!connection.isValid(5)) {
                    throw new SQLException("LISTEN connection is no longer valid");
                }
                nextFullReload = now + interval;
                reload("periodic", true);
            }
        }
    }

    private Connection connectAndListen() throws SQLException {
        Properties info = new Properties();
        if (database.getUsername() != null) {
            info.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            info.setProperty("password", database.getPassword());
        }
        info.setProperty("ApplicationName", "mcp-gateway tenancy listener");
        info.setProperty("tcpKeepAlive", "true");
        info.setProperty("connectTimeout", "5");
        Connection connection = DriverManager.getConnection(database.getJdbcUrl(), info);
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("LISTEN " + settings.notifyChannel());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        listening = connection;
        return connection;
    }

    /** What the routes are built from: refreshing 10,000 routes is skipped when only members or rules changed. */
    private static Map<String, Object> routing(TenancySnapshot snapshot) {
        Map<String, Object> routing = new HashMap<>(snapshot.tenants().size() * 2);
        for (Tenant tenant : snapshot.allTenants()) {
            if (tenant.enabled()) {
                routing.put(tenant.id(), tenant.backendUrl() + " " + tenant.backendType());
            }
        }
        return routing;
    }

    private Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(settings.maxReconnectWait()) > 0 ? settings.maxReconnectWait() : doubled;
    }

    private void pause(Duration wait) {
        synchronized (wakeUp) {
            try {
                if (running) {
                    wakeUp.wait(Math.max(1, wait.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken; nothing left to release
            }
        }
    }
}
