package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.admin.audit.AdminAudit;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.NotFoundException;
import dev.mcpgateway.admin.system.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenant changes: each one checked against the actor, written in one transaction with its audit row.
 * Only platform admins create, edit, disable or delete tenants; tenant admins see the tenants they administer.
 */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final AdminAudit audit;

    TenantService(TenantRepository tenants, AdminAudit audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Page<Tenant> search(Actor actor, String query, int page, int size) {
        return tenants.search(query, actor.platformAdmin() ? null : actor.managedTenants(), page, size);
    }

    /** The tenant, if the actor may see it (platform admin, or admin of it). */
    @Transactional(readOnly = true)
    public Tenant get(Actor actor, String id) {
        actor.requireManages(id);
        return tenants.find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Tenant create(Actor actor, TenantForm form) {
        actor.requirePlatformAdmin();
        if (tenants.exists(form.getId())) {
            throw new ConflictException("id", "A tenant with id '" + form.getId() + "' already exists");
        }
        tenants.insert(form);
        audit.record(actor, "tenant.create", form.getId(), form.describe());
        return tenants.find(form.getId()).orElseThrow();
    }

    @Transactional
    public Tenant update(Actor actor, String id, TenantForm form) {
        actor.requirePlatformAdmin();
        if (!tenants.exists(id)) {
            throw notFound(id);
        }
        form.setId(id);
        if (tenants.update(form)) {
            audit.record(actor, "tenant.update", id, form.describe());
        }
        return tenants.find(id).orElseThrow();
    }

    /** Creates or replaces the tenant {@code id}: an idempotent PUT. Returns true when it was created. */
    @Transactional
    public boolean put(Actor actor, String id, TenantForm form) {
        actor.requirePlatformAdmin();
        form.setId(id);
        if (tenants.exists(id)) {
            update(actor, id, form);
            return false;
        }
        create(actor, form);
        return true;
    }

    @Transactional
    public void setEnabled(Actor actor, String id, boolean enabled) {
        actor.requirePlatformAdmin();
        if (!tenants.exists(id)) {
            throw notFound(id);
        }
        if (tenants.setEnabled(id, enabled)) {
            audit.record(actor, enabled ? "tenant.enable" : "tenant.disable", id, null);
        }
    }

    /**
     * Deletes a tenant with its members and rules. Refused while it has members unless {@code withMembers}
     * confirms that they go too.
     */
    @Transactional
    public void delete(Actor actor, String id, boolean withMembers) {
        actor.requirePlatformAdmin();
        Tenant tenant = tenants.find(id).orElseThrow(() -> notFound(id));
        if (tenant.memberCount() > 0 && !withMembers) {
            throw new ConflictException("confirmMembers", "Tenant '" + id + "' still has " + tenant.memberCount()
                    + " member(s); confirm that they are removed too");
        }
        tenants.delete(id);
        audit.record(actor, "tenant.delete", id, "members removed: " + tenant.memberCount());
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("No tenant '" + id + "'");
    }
}
