package dev.mcpgateway.admin.member;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Email addresses as members are identified: the database's format ({@code tenant_member_email_format}), trimmed
 * and lower-cased; and the splitting of a pasted list (commas, semicolons, spaces or new lines).
 */
final class MemberEmails {

    static final Pattern FORMAT = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    static final int MAX_LENGTH = 320;
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private MemberEmails() {
    }

    static boolean isValid(String email) {
        return email != null && email.length() <= MAX_LENGTH && FORMAT.matcher(email).matches();
    }

    static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The distinct addresses in {@code pasted}, normalized, in the order given. */
    static List<String> split(String pasted) {
        Set<String> emails = new LinkedHashSet<>();
        if (pasted != null) {
            for (String part : SEPARATORS.split(pasted.trim())) {
                if (!part.isEmpty()) {
                    emails.add(normalize(part));
                }
            }
        }
        return new ArrayList<>(emails);
    }
}
