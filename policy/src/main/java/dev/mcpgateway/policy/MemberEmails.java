package dev.mcpgateway.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as members are identified, with the database's rule ({@code tenant_member_email_format}): one
 * {@code @}, no spaces, at most 320 characters; compared trimmed and lower-cased. The bootstrap file and
 * tenant-admin check with this before writing.
 */
public final class MemberEmails {

    public static final String PATTERN = "^[^@\\s]+@[^@\\s]+$";
    public static final Pattern FORMAT = Pattern.compile(PATTERN);
    public static final int MAX_LENGTH = 320;

    private MemberEmails() {
    }

    public static boolean isValid(String email) {
        return email != null && email.length() <= MAX_LENGTH && FORMAT.matcher(email).matches();
    }

    /** Trimmed and lower-cased, the form memberships are stored and compared in; {@code null} stays {@code null}. */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
