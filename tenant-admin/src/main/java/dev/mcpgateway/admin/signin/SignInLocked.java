package dev.mcpgateway.admin.signin;

import java.time.Duration;

/**
 * An account or client address was locked after failed sign-ins (recorded in the audit log).
 *
 * @param subject  what is locked
 * @param name     the account name or the client address
 * @param failures failed sign-ins counted so far
 * @param lock     how long the lock lasts
 */
public record SignInLocked(Subject subject, String name, int failures, Duration lock) {

    public enum Subject { ACCOUNT, ADDRESS }
}
