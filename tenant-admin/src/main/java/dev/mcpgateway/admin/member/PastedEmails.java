package dev.mcpgateway.admin.member;

import dev.mcpgateway.policy.MemberEmails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A pasted list of addresses (commas, semicolons, spaces or new lines between them), as {@link MemberEmails} store them. */
final class PastedEmails {

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private PastedEmails() {
    }

    /** The distinct addresses in {@code pasted}, normalized, in the order given. */
    static List<String> split(String pasted) {
        Set<String> emails = new LinkedHashSet<>();
        if (pasted != null) {
            for (String part : SEPARATORS.split(pasted.trim())) {
                if (!part.isEmpty()) {
                    emails.add(MemberEmails.normalize(part));
                }
            }
        }
        return new ArrayList<>(emails);
    }
}
