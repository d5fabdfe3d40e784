package dev.mcpgateway.gateway.directory;

import dev.mcpgateway.gateway.config.GatewayProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Keeps the {@link TenantDirectory} current: {@code LISTEN}s on the channel the schema's triggers notify, over a
 * connection of its own, reloads once per burst of notifications and every {@code reloadInterval} as a safety net,
 * and publishes {@link DirectoryChanged} when the snapshot changed. While Postgres is unreachable the last snapshot
 * stays (known users keep working) and the connection is re-opened with Reactor's {@link Retry#backoff}.
 */
@Component
class DirectoryChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DirectoryChangeListener.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration FIRST_RECONNECT_WAIT = Duration.ofMillis(200);
    private static final int LONGEST_POLL_MILLIS = 1_000;

    private final TenancySnapshotLoader loader;
    private final TenantDirectory directory;
    private final ApplicationEventPublisher events;
    private final JdbcConnectionDetails database;
    private final GatewayProperties.Directory settings;
    private final int configuredClientKeys;
    /** The connection opened before the first load, handed to the first subscription; later ones open their own. */
    private final AtomicReference<Connection> opened = new AtomicReference<>();

    private volatile boolean running;
    private volatile Connection listening;
    private volatile Instant lastLoaded;
    private Scheduler listenerThread;
    private Disposable subscription;
    /** Touched only by whichever thread reloads (startup, then the listener thread), under this object's lock. */
    private boolean loadedBefore;
    private long lastFingerprint;

    DirectoryChangeListener(TenancySnapshotLoader loader, TenantDirectory directory, ApplicationEventPublisher events,
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
        try {
            opened.set(connectAndListen());
        } catch (SQLException e) {
            log.warn("Cannot listen for tenancy changes yet ({}); will retry", e.getMessage());
        }
        reload("startup");
        listenerThread = Schedulers.newSingle("tenancy-change-listener", true);
        subscription = listenUntilConnectionFails()
                .subscribeOn(listenerThread)
                // An emitted connection ends a series of failures, so the next outage starts again at the first wait.
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RECONNECT_WAIT)
                        .maxBackoff(settings.maxReconnectWait())
                        .transientErrors(true)
                        .filter(error -> running)
                        .doBeforeRetry(retry -> log.warn("Tenancy change listener cannot reach Postgres ({}); keeping"
                                + " the current directory, retrying", retry.failure().getMessage())))
                .subscribe(connection -> { }, error -> log.debug("Tenancy change listener stopped: {}", error.toString()));
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly(listening);
        if (subscription != null) {
            subscription.dispose();
        }
        if (listenerThread != null) {
            listenerThread.dispose();
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
        log.info("Tenancy reloaded ({}): {} tenants, {} users with memberships, {} client keys ({} configured, {} in the"
                        + " database) in {} ms", reason, next.tenants().size(), next.memberships().size(),
                configuredClientKeys + next.clientKeys().size(), configuredClientKeys, next.clientKeys().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        events.publishEvent(new DirectoryChanged(previous, next));
    }

    /**
     * One listening session, blocking its thread: emits the connection once it listens, then waits for changes
     * until stopped (completes) or until the connection breaks (fails, and the retry opens a new one).
     */
    private Flux<Connection> listenUntilConnectionFails() {
        return Flux.create(sink -> {
            Connection connection = opened.getAndSet(null);
            try {
                if (connection == null) {
                    connection = connectAndListen();
                    log.info("Listening for tenancy changes again");
                    reload("reconnected");
                }
                sink.next(connection);
                awaitChanges(connection);
                sink.complete();
            } catch (SQLException | RuntimeException e) {
                sink.error(e);
            } finally {
                closeQuietly(connection);
            }
        });
    }

    /** Returns when stopped; throws when the connection is lost. */
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
