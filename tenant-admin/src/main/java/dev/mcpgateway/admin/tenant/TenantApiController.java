package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.AdminProperties;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.Page;
import dev.mcpgateway.admin.system.PutResponses;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tenants}: the tenant screens' operations for automation, with the bootstrap YAML's field names. */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantApiController {

    private static final int MAX_PAGE_SIZE = 200;

    private final TenantService tenants;
    private final Actors actors;
    private final AdminProperties properties;
    private final Validator validator;

    TenantApiController(TenantService tenants, Actors actors, AdminProperties properties, Validator validator) {
        this.tenants = tenants;
        this.actors = actors;
        this.properties = properties;
        this.validator = validator;
    }

    @GetMapping
    Page<Tenant> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        int pageSize = size == null ? properties.admin().pageSize() : Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        return tenants.search(actors.current(), q, Page.clamp(page), pageSize);
    }

    @PostMapping
    ResponseEntity<Tenant> create(@Valid @RequestBody TenantForm form) {
        Tenant created = tenants.create(actors.current(), form);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    Tenant get(@PathVariable String id) {
        return tenants.get(actors.current(), id);
    }

    /** Creates or replaces: 201 when created, 200 when it existed; sending the same body again changes nothing. */
    @PutMapping("/{id}")
    ResponseEntity<Tenant> put(@PathVariable String id, @RequestBody TenantForm form) {
        if (form.getId() != null && !form.getId().isEmpty() && !form.getId().equals(id)) {
            throw new InvalidInputException("id", "The id in the body must match the URL (or be left out)");
        }
        form.setId(id);
        InvalidInputException.throwIfAny(validator.validate(form));
        boolean created = tenants.put(actors.current(), id, form);
        Tenant tenant = tenants.get(actors.current(), id);
        return PutResponses.of(created, "/api/v1/tenants/" + id, tenant);
    }

    /** Deletes the tenant; refused (409) while it has members unless {@code withMembers=true}. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(defaultValue = "false") boolean withMembers) {
        tenants.delete(actors.current(), id, withMembers);
        return ResponseEntity.noContent().build();
    }

}
