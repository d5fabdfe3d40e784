package dev.mcpgateway.admin.member;

import dev.mcpgateway.admin.audit.AdminAudit;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.NotFoundException;
import dev.mcpgateway.admin.tenant.TenantRepository;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.MemberEmails;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership changes. Platform admins and admins of the tenant may make them; nobody may grant a level above
 * their own in that tenant (platform admins excepted), or change someone who ranks above them.
 */
@Service
public class MemberService {

    private final MemberRepository members;
    private final TenantRepository tenants;
    private final AdminAudit audit;

    MemberService(MemberRepository members, TenantRepository tenants, AdminAudit audit) {
        this.members = members;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** The outcome of {@link #add}: which addresses became members and which changed level. */
    public record AddResult(List<String> added, List<String> changed, List<String> unchanged) {
    }

    @Transactional(readOnly = true)
    public List<Member> list(Actor actor, String tenant) {
        requireTenant(actor, tenant);
        return members.list(tenant);
    }

    @Transactional(readOnly = true)
    public Member get(Actor actor, String tenant, String email) {
        requireTenant(actor, tenant);
        return members.find(tenant, email.trim()).orElseThrow(() -> notAMember(tenant, email));
    }

    /** The tenants {@code email} belongs to (platform admins only: it spans tenants). */
    @Transactional(readOnly = true)
    public List<Membership> tenantsOf(Actor actor, String email) {
        actor.requirePlatformAdmin();
        return members.byEmail(MemberEmails.normalize(email));
    }

    /** Adds every address in {@code pastedEmails} at {@code level}; all or nothing. */
    @Transactional
    public AddResult add(Actor actor, String tenant, String pastedEmails, String level) {
        requireTenant(actor, tenant);
        AccessLevel accessLevel = parseLevel(level);
        List<String> emails = PastedEmails.split(pastedEmails);
        if (emails.isEmpty()) {
            throw new InvalidInputException("emails", "Enter at least one email address");
        }
        List<String> invalid = emails.stream().filter(email -> !MemberEmails.isValid(email)).toList();
        if (!invalid.isEmpty()) {
            throw new InvalidInputException("emails", "Not an email address: " + String.join(", ", invalid));
        }
        actor.requireMayGrant(tenant, accessLevel);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (String email : emails) {
            switch (write(actor, tenant, email, accessLevel)) {
                case CREATED -> added.add(email);
                case CHANGED -> changed.add(email);
                case UNCHANGED -> unchanged.add(email);
            }
        }
        return new AddResult(added, changed, unchanged);
    }

    /** Sets the level of {@code email}, adding the member when absent: an idempotent PUT. True when created. */
    @Transactional
    public boolean put(Actor actor, String tenant, String email, String level) {
        requireTenant(actor, tenant);
        String normalized = MemberEmails.normalize(email);
        if (!MemberEmails.isValid(normalized)) {
            throw new InvalidInputException("email", "Not an email address: " + email);
        }
        AccessLevel accessLevel = parseLevel(level);
        actor.requireMayGrant(tenant, accessLevel);
        return write(actor, tenant, normalized, accessLevel) == Write.CREATED;
    }

    /** Changes the level of an existing member. */
    @Transactional
    public void changeLevel(Actor actor, String tenant, String email, String level) {
        requireTenant(actor, tenant);
        AccessLevel accessLevel = parseLevel(level);
        actor.requireMayGrant(tenant, accessLevel);
        members.find(tenant, email).orElseThrow(() -> notAMember(tenant, email));
        write(actor, tenant, email, accessLevel);
    }

    @Transactional
    public void remove(Actor actor, String tenant, String email) {
        requireTenant(actor, tenant);
        Member member = members.find(tenant, email).orElseThrow(() -> notAMember(tenant, email));
        actor.requireMayGrant(tenant, AccessLevel.of(member.accessLevel()));
        members.delete(tenant, email);
        audit.record(actor, "member.remove", tenant, member.email() + " (was " + member.accessLevel() + ")");
    }

    private enum Write { CREATED, CHANGED, UNCHANGED }

    private Write write(Actor actor, String tenant, String email, AccessLevel level) {
        Optional<Member> existing = members.find(tenant, email);
        if (existing.isEmpty()) {
            members.put(tenant, email, level.value());
            audit.record(actor, "member.add", tenant, email + " as " + level.value());
            return Write.CREATED;
        }
        String current = existing.get().accessLevel();
        if (current.equals(level.value())) {
            return Write.UNCHANGED;
        }
        actor.requireMayGrant(tenant, AccessLevel.of(current));
        members.put(tenant, email, level.value());
        audit.record(actor, "member.update", tenant, existing.get().email() + ": " + current + " -> " + level.value());
        return Write.CHANGED;
    }

    private void requireTenant(Actor actor, String tenant) {
        actor.requireManages(tenant);
        if (!tenants.exists(tenant)) {
            throw new NotFoundException("No tenant '" + tenant + "'");
        }
    }

    private static AccessLevel parseLevel(String level) {
        try {
            return AccessLevel.of(level);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("accessLevel", "Choose read, write or admin");
        }
    }

    private static NotFoundException notAMember(String tenant, String email) {
        return new NotFoundException("'" + email + "' is not a member of '" + tenant + "'");
    }
}
