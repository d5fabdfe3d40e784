package dev.mcpgateway.admin.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpgateway.admin.system.AdminProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in memory (Caffeine, bounded) and says how long an
 * account or address must wait; publishes {@link SignInLocked} when a lock starts. Settings:
 * {@link AdminProperties.SignInThrottle}.
 */
@Component
public class SignInThrottle {

    /** Failures so far and the end of the current lock ({@code null}: not locked). */
    private record Failures(int count, Instant lockedUntil) {
    }

    private final AdminProperties.SignInThrottle settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;

    @Autowired
    SignInThrottle(AdminProperties properties, ApplicationEventPublisher events) {
        this(properties.admin().signInThrottle(), Clock.systemUTC(), events);
    }

    SignInThrottle(AdminProperties.SignInThrottle settings, Clock clock, ApplicationEventPublisher events) {
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.accounts = counters(settings, clock);
        this.addresses = counters(settings, clock);
    }

    private static Cache<String, Failures> counters(AdminProperties.SignInThrottle settings, Clock clock) {
        Duration keep = settings.forgetAfter().compareTo(settings.maxLock()) >= 0 ? settings.forgetAfter() : settings.maxLock();
        Ticker ticker = () -> clock.instant().toEpochMilli() * 1_000_000L;
        return Caffeine.newBuilder().maximumSize(settings.maxTracked()).expireAfterWrite(keep).ticker(ticker).build();
    }

    /**
     * How long until {@code account} (may be {@code null}, e.g. for an API token) and {@code address} may try
     * again; empty when they may now.
     */
    public Optional<Duration> retryAfter(String account, String address) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant until = later(lockEnd(accounts, accountKey(account), now), lockEnd(addresses, address, now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Counts a failed sign-in of {@code account} (may be {@code null}) from {@code address}. */
    public void failed(String account, String address) {
        if (!settings.enabled()) {
            return;
        }
        count(accounts, accountKey(account), settings.accountFailuresBeforeLock(), SignInLocked.Subject.ACCOUNT);
        count(addresses, address, settings.addressFailuresBeforeLock(), SignInLocked.Subject.ADDRESS);
    }

    /**
     * Clears the account's failures. The address's count stays: a sign-in to one's own account must not reset the
     * count of guesses against others from the same address.
     */
    public void succeeded(String account) {
        String key = accountKey(account);
        if (key != null) {
            accounts.invalidate(key);
        }
    }

    /** Forgets every count and lock, as a restart does (tests start from a clean state with it). */
    public void forgetAll() {
        accounts.invalidateAll();
        addresses.invalidateAll();
    }

    private void count(Cache<String, Failures> counters, String key, int failuresBeforeLock, SignInLocked.Subject subject) {
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        Failures after = counters.asMap().compute(key, (k, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            if (count < failuresBeforeLock) {
                return new Failures(count, null);
            }
            return new Failures(count, now.plus(lockFor(count - failuresBeforeLock)));
        });
        if (after.lockedUntil() != null) {
            events.publishEvent(new SignInLocked(subject, key, after.count(), Duration.between(now, after.lockedUntil())));
        }
    }

    /** {@code firstLock * 2^extra}, at most {@code maxLock}. */
    private Duration lockFor(int extraFailures) {
        Duration lock = settings.firstLock();
        for (int i = 0; i < extraFailures && lock.compareTo(settings.maxLock()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock;
    }

    private static Instant lockEnd(Cache<String, Failures> counters, String key, Instant now) {
        if (key == null) {
            return null;
        }
        Failures failures = counters.getIfPresent(key);
        return failures == null || failures.lockedUntil() == null || !failures.lockedUntil().isAfter(now)
                ? null : failures.lockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String accountKey(String account) {
        return account == null || account.isBlank() ? null : account.trim().toLowerCase(Locale.ROOT);
    }
}
